// Two builds from one source tree:
//  1. ESM with code splitting: `help-feedback` (UI entry: launcher + host only; the panel,
//     preact and the core client are lazy chunks), `help-feedback/core` (headless),
//     `help-feedback/element`, and one entry per transport.
//  2. The script-tag loader (`loader.js`, a small IIFE): `window.HelpFeedback` with a command
//     queue that imports the ESM entry of (1) from its own folder on intent.
//  3. A single-file IIFE for hosts that cannot serve chunks (`help-feedback.global.js`).
// `build/graph.json` records which modules went into which chunk of (1) (see moduleGraph below).
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs'
import resolve from '@rollup/plugin-node-resolve'
import esbuild from 'rollup-plugin-esbuild'
import terser from '@rollup/plugin-terser'

const transports = ['memory', 'rest', 'zendesk', 'freshdesk', 'chatwoot'].filter((t) =>
  existsSync(`src/transports/${t}.ts`),
)

// src/i18n/index.ts loads a catalog with `import(`./locales/${locale}/${domain}.ts`)` (Vite, in the
// tests, resolves that pattern itself). Here it becomes a table of one literal import() per file
// under src/i18n/locales/<locale>/, so each locale × domain stays a chunk of its own.
const CATALOG_IMPORT = 'import(`./locales/${locale}/${domain}.ts`)'
const catalogImports = {
  name: 'catalog-imports',
  transform(code, id) {
    if (!id.replaceAll('\\', '/').endsWith('/src/i18n/index.ts')) return null
    if (!code.includes(CATALOG_IMPORT)) this.error(`src/i18n/index.ts no longer says ${CATALOG_IMPORT}`)
    const files = readdirSync('src/i18n/locales', { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .flatMap((d) => readdirSync(`src/i18n/locales/${d.name}`).map((f) => `${d.name}/${f}`))
      .sort()
    // Keyed without the `.ts` every key would repeat.
    const table = files.map((f) => `'${f.replace(/\.ts$/, '')}': () => import('./locales/${f}')`).join(', ')
    return { code: code.replace(CATALOG_IMPORT, '({ ' + table + ' })[`${locale}/${domain}`]()'), map: null }
  },
}

// JSX in the build: Preact's `h` and `Fragment`, imported into every .tsx file under names no
// source uses (the sources and the tests keep tsconfig's automatic runtime; both are Preact's
// public API and make the same vnodes, `key` and `ref` included). Everything the UI can load:
// 128.20 -> 127.69 KB brotli.
const classicJsx = {
  name: 'classic-jsx',
  transform(code, id) {
    if (!id.endsWith('.tsx')) return null
    if (/\b__[hF]\b/.test(code)) this.error(`${id} uses __h or __F, the names the build gives h and Fragment`)
    return { code: "import { h as __h, Fragment as __F } from 'preact';" + code, map: null }
  },
}
const plugins = () => [
  catalogImports,
  classicJsx,
  resolve({ browser: true, extensions: ['.ts', '.tsx', '.mjs', '.js'] }),
  esbuild({
    target: 'es2020',
    // MINIFY=0 keeps names readable for profiling (`MINIFY=0 npx rollup -c`).
    minify: process.env.MINIFY !== '0',
    // Classic `h(type, props, ...children)` calls (see classicJsx above) in place of the automatic
    // runtime's `jsx(type, { ...props, children: [...] })`: 600 `children:` keys fewer.
    jsx: 'transform',
    jsxFactory: '__h',
    jsxFragment: '__F',
    // Class fields as constructor assignments (TypeScript's `useDefineForClassFields: false`):
    // es2020 has no class fields, and the define form costs a `__publicField` helper in every
    // chunk with a class (the error classes above all). Nothing here relies on define semantics
    // (no field shadows an accessor); the other options of tsconfig.json do not change the output.
    tsconfig: false,
    tsconfigRaw: { compilerOptions: { useDefineForClassFields: false, verbatimModuleSyntax: true } },
    legalComments: 'none',
    // Catalogs and synonyms are Chinese: UTF-8 is half the size of \u escapes.
    charset: 'utf8',
  }),
]

// A second pass over each rendered chunk: Terser sees a whole chunk where esbuild minifies one
// module at a time (the plugin sets `module` for ESM output, so top-level names are the chunk's
// own). Two compress passes; a third gains nothing. Everything the UI can load: 131.44 -> 129.09
// KB brotli. No `pure_getters`: the client's feature getters (`client.help` ...) create their
// controller on first read, so dropping an unused read would change behaviour.
const outputPlugins = () =>
  process.env.MINIFY === '0' ? [] : [terser({ ecma: 2020, compress: { passes: 2 }, format: { comments: false } })]

// Relative imports in the sources end in `.js`; map them to the .ts/.tsx files on disk.
const tsResolve = {
  name: 'ts-js-suffix',
  async resolveId(source, importer) {
    if (!importer || !source.startsWith('.') || !source.endsWith('.js')) return null
    for (const ext of ['.ts', '.tsx']) {
      const r = await this.resolve(source.slice(0, -3) + ext, importer, { skipSelf: true })
      if (r) return r
    }
    return null
  },
}

// Group what the launcher needs into one small chunk (fewer requests, and brotli does better
// on one file than on six tiny ones), and give each locale × domain of strings its own named chunk.
const SHELL = [
  /i18n\/launcher\/[^/]+\.ts$/,
  /i18n\/(format|negotiate)\.ts$/,
  /options\/(check|widget|view)\.ts$/,
  /errors\/(ConfigError|HelpFeedbackError|BrowserRequiredError)\.ts$/,
  // The view names: `open` checks a host's view there (the bridge's schema reads them too).
  /src\/(events|views)\.ts$/,
  /widgets\/host\/(sheets|idle)\.ts$/,
]
// The first open is a chain of round trips (150 ms each on a slow link): what it always loads
// together goes into few chunks. `client`: the headless client and what it imports (no Preact;
// `help-feedback/core` imports it too). `panel`: Preact and the panel's frame with the Home view.
// `storage`: storage and the outbox, opened after the first paint (and by the help cache);
// the report code (its checks, the privacy scanner) stays in the chunks of the views that use it.
const CLIENT = [
  /src\/client\.ts$/,
  /src\/options(\/core)?\.ts$/,
  /src\/i18n\/(index|translate|errorKey)\.ts$/,
  /src\/store\/index\.ts$/,
  /zustand\/esm\/vanilla\.mjs$/,
  /src\/errors\/\w+\.ts$/,
  /src\/online\.ts$/,
  /src\/contact\/urls\.ts$/,
  /src\/chat\/keys\.ts$/,
  // `client.requests`: Home's open-request count; its list and detail models load with the view.
  /src\/requests\/controller\.ts$/,
  /src\/transports\/types\.ts$/,
  /src\/reports\/categoryIds\.ts$/,
  /src\/stableStringify\.ts$/,
  // SDK_VERSION (a few bytes, read by the help views, the contact view and the bridge): no chunk of its own.
  /src\/version\.ts$/,
  // What `client.help` answers before the help controller's code loads (src/help/lazy.ts).
  /src\/help\/(lazy|common)\.ts$/,
  /widgets\/panel\/core\.ts$/,
]
const PANEL = [
  /widgets\/panel\/(runtime|Panel|ViewHost|Home|views|background|panelCss)\.tsx?$/,
  /widgets\/ui\/(context|focus|imeInput|useSheet)\.ts$/,
  /node_modules\/preact\//,
]
const STORAGE = [
  /src\/services\.ts$/,
  // The help controller, which keeps the help cache and the votes here: `client.help` loads it on
  // its first call with the `help` chunk beside it (src/help/lazy.ts). It compresses better here
  // than beside the engine (everything the UI can load: 0.21 KB less).
  /src\/help\/help\.ts$/,
  /src\/outbox\/\w+\.ts$/,
  /src\/drafts\/\w+\.ts$/,
  /src\/storage\/\w+\.ts$/,
  /idb-keyval\//,
  /src\/attachments\/progress\.ts$/,
  /src\/reports\/fields\.ts$/,
  // The outbox handler splits long chat messages: with the outbox, not in the chat chunk (which imports privacy).
  /src\/chat\/split\.ts$/,
]
// `help`: the search engine with the help source that loads articles and builds the index (the
// only importer of the engine, so one chunk, one request, one brotli context; headless:
// `help-feedback/core` loads it too); `homeHelp`: Home's results under the search box and popular
// articles, the UI over it. The synonym table stays apart: a prebuilt index does not need it.
const HELP = [
  /src\/help\/source\.ts$/,
  /src\/search\/(t2s|tokenize|query|locales|postings|rank|snippet|searchIndex)\.ts$/,
]
const HOME_HELP = [/widgets\/help\/(HomeHelp|ResultList|Highlighted|useHelp|useSearch|helpCss)\.tsx?$/]
// Named for what they hold (the e2e test checks the first open leaves them out): the privacy
// scanner (loaded with the first typed text) and the chat controller (a chat under way only).
const PRIVACY = [/src\/privacy\/\w+\.ts$/]
const CHAT = [/src\/chat\/(index|controller|actions|compose|sync|machine|signals|time)\.ts$/]
// String domains that are always loaded together share a chunk: the report views' (reports +
// reportUi). Home paints with `core` alone; `help` (popular articles, results, the help views)
// arrives with Home's help chunk, after the first paint.
const DOMAIN_CHUNK = { reportUi: 'reports' }
function manualChunks(id) {
  const file = id.split('?')[0].replaceAll('\\', '/')
  if (SHELL.some((re) => re.test(file))) return 'shell'
  const strings = /i18n\/locales\/([^/]+)\/(\w+)\.ts$/.exec(file)
  if (strings) return `i18n-${strings[1]}-${DOMAIN_CHUNK[strings[2]] ?? strings[2]}`
  if (CLIENT.some((re) => re.test(file))) return 'client'
  if (PANEL.some((re) => re.test(file))) return 'panel'
  if (STORAGE.some((re) => re.test(file))) return 'storage'
  if (HELP.some((re) => re.test(file))) return 'help'
  if (HOME_HELP.some((re) => re.test(file))) return 'homeHelp'
  if (PRIVACY.some((re) => re.test(file))) return 'privacy'
  if (CHAT.some((re) => re.test(file))) return 'chat'
  // The response checks (wire.ts) travel with the HTTP client: the transports use both, and the
  // bridge entry, which also checks its messages with wire.ts, gets no chunk of its own for them.
  if (/src\/transports\/(http|wire)\.ts$/.test(file)) return 'http'
  return undefined
}

const onwarn = (warning, warn) => {
  // A dependency's `@__PURE__` annotations in comments Rollup cannot place: nothing is lost.
  if (warning.code === 'INVALID_ANNOTATION' && warning.id?.includes('node_modules')) return
  if (warning.code === 'CIRCULAR_DEPENDENCY') {
    // Our own modules must form a DAG; cycles inside dependencies are theirs.
    if (!warning.ids?.some((id) => id.includes('node_modules'))) throw new Error(`circular import: ${warning.message}`)
    return
  }
  warn(warning)
}

/**
 * Writes build/graph.json: each chunk of the ESM build with its imports, dynamic imports and the
 * modules it holds (with rendered bytes). bench/size.mjs and test/package/chunks.test.ts read it
 * to find a library bundled twice and to check the size budget.
 */
const moduleGraph = {
  name: 'module-graph',
  generateBundle(_options, bundle) {
    const chunks = {}
    for (const [file, c] of Object.entries(bundle)) {
      if (c.type !== 'chunk') continue
      chunks[file] = {
        isEntry: c.isEntry,
        imports: c.imports,
        dynamicImports: c.dynamicImports,
        modules: Object.fromEntries(
          Object.entries(c.modules).map(([id, m]) => [
            id.replace(process.cwd() + '/', '').replaceAll('\\', '/'),
            m.renderedLength,
          ]),
        ),
      }
    }
    mkdirSync('build', { recursive: true })
    writeFileSync('build/graph.json', JSON.stringify({ chunks }, null, 1))
  },
}

export default [
  {
    input: {
      'help-feedback': 'widgets/index.ts',
      core: 'src/index.ts',
      element: 'widgets/element.ts',
      bridge: 'widgets/bridge.ts',
      ...Object.fromEntries(transports.map((t) => [`transports/${t}`, `src/transports/${t}.ts`])),
    },
    output: {
      dir: 'dist',
      format: 'es',
      entryFileNames: '[name].js',
      // Six hash characters (Rollup's minimum; 36 bits, beside the chunk's name) still change
      // with the content. Every import names its chunk, and hash characters do not compress:
      // eight cost 0.34 KB more over everything the UI can load.
      chunkFileNames: 'chunks/[name]-[hash:6].js',
      manualChunks,
      // A module named above goes to its chunk alone; its imports keep their own chunking.
      onlyExplicitManualChunks: false,
      sourcemap: true,
      plugins: outputPlugins(),
    },
    plugins: [tsResolve, ...plugins(), moduleGraph],
    onwarn,
  },
  {
    input: 'widgets/loader.ts',
    output: { file: 'dist/loader.js', format: 'iife', sourcemap: true, plugins: outputPlugins() },
    plugins: [tsResolve, ...plugins()],
    onwarn,
  },
  {
    input: 'widgets/global.ts',
    output: {
      file: 'dist/help-feedback.global.js',
      format: 'iife',
      inlineDynamicImports: true,
      sourcemap: true,
      plugins: outputPlugins(),
    },
    plugins: [tsResolve, ...plugins()],
    onwarn,
  },
]
