/**
 * Builds the prebuilt help-search index from Markdown articles.
 *
 *   npm run index:articles -- <dir> [--out file]
 *
 * Reads every `.md` under <dir> recursively; the locale is the nearest folder named like a
 * locale (`zh-CN`, `en`, `zh-TW`) unless the front matter sets `locale:`. Similar questions come
 * from the front matter's `questions:` and from `<dir>/questions.json` when present
 * (`{ "article-id": ["question", ...] }`, e.g. from a search log). Writes the index JSON
 * (default examples/wallet-demo/search-index.json) and `articles.json` next to it (without the
 * questions: the index searches them, the UI never shows them).
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { basename, dirname, join, relative, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { brotliCompressSync, gzipSync } from 'node:zlib'
import { redact } from '../src/privacy/index.js'
import { createSearchIndex, parseArticle, serializeIndex, walletSynonyms } from '../src/search/index.js'
import type { Article } from '../src/types.js'

const LOCALE = /^[a-z]{2,3}(?:-[A-Z]{2}|-[A-Z][a-z]{3})?$/

/** Reads and parses every Markdown article under `dir`; throws naming the first bad file. */
export function loadArticles(dir: string): Article[] {
  const root = resolve(dir)
  const files: string[] = []
  const walk = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      if (e.isDirectory()) walk(join(d, e.name))
      else if (e.name.endsWith('.md')) files.push(join(d, e.name))
    }
  }
  walk(root)
  const seen = new Map<string, string>()
  return files.map((file) => {
    const rel = relative(process.cwd(), file)
    const folders = relative(root, dirname(file)).split(/[\\/]/).filter(Boolean).reverse()
    if (LOCALE.test(basename(root))) folders.push(basename(root))
    const locale = folders.find((f) => LOCALE.test(f))
    const article = parseArticle(readFileSync(file, 'utf8'), locale ? { file: rel, locale } : { file: rel })
    const other = seen.get(article.id)
    if (other) throw new SyntaxError(`${rel}: duplicate article id "${article.id}" (also in ${other})`)
    seen.set(article.id, rel)
    return article
  })
}

/**
 * Adds `<dir>/questions.json` (article id → similar questions) to the articles' own questions.
 * Throws naming the file on a malformed file or an id no article has. Personal data users typed
 * into a search box (phone and card numbers, e-mails, ID numbers, codes) is masked as the privacy
 * module masks it: the index's words ship to every client that downloads it.
 */
export function withQuestionsFile(articles: Article[], dir: string): Article[] {
  const file = join(resolve(dir), 'questions.json')
  let data: unknown
  try {
    // Without a byte-order mark, as parseArticle reads the articles (Notepad and spreadsheet exports write one).
    data = JSON.parse(readFileSync(file, 'utf8').replace(/^\uFEFF/, ''))
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code == 'ENOENT') return articles
    throw new SyntaxError(`${relative(process.cwd(), file)}: ${(error as Error).message}`, { cause: error })
  }
  const bad = (why: string): never => {
    throw new SyntaxError(`${relative(process.cwd(), file)}: ${why}`)
  }
  if (typeof data != 'object' || !data || Array.isArray(data)) bad('expected { "article-id": ["question", ...] }')
  const byId = new Map(articles.map((a) => [a.id, a]))
  const extra = new Map<string, string[]>()
  for (const [id, qs] of Object.entries(data as object)) {
    if (!byId.has(id)) bad(`no article has the id "${id}"`)
    if (!Array.isArray(qs) || qs.some((q) => typeof q != 'string')) bad(`"${id}" must be a list of strings`)
    extra.set(
      id,
      (qs as string[]).map((q) => redact(q).text),
    )
  }
  return articles.map((a) => {
    const qs = extra.get(a.id)
    return qs ? { ...a, questions: [...(a.questions ?? []), ...qs] } : a
  })
}

const fail = (problem: string): never => {
  throw new Error(problem)
}

function main(argv: string[]): void {
  let dir = 'examples/articles'
  let out = 'examples/wallet-demo/search-index.json'
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!
    if (a == '--out') out = argv[++i] ?? fail('--out needs a file name')
    else if (a.startsWith('--')) fail(`unknown option ${a}`)
    else dir = a
  }
  out = resolve(out)
  const started = performance.now()
  const articles = withQuestionsFile(loadArticles(dir), dir)
  const index = createSearchIndex(articles, { synonyms: walletSynonyms })
  const data = serializeIndex(index)
  const json = JSON.stringify(data)
  mkdirSync(dirname(out), { recursive: true })
  writeFileSync(out, json)
  const listFile = join(dirname(out), 'articles.json')
  const shown = articles.map(({ questions, ...a }) => a)
  writeFileSync(listFile, JSON.stringify(shown, null, 1))
  const perLocale = new Map<string, number>()
  for (const a of articles) perLocale.set(a.locale, (perLocale.get(a.locale) ?? 0) + 1)
  const kb = (n: number): string => `${(n / 1024).toFixed(1)} KB`
  const buf = Buffer.from(json)
  console.log(
    `indexed ${articles.length} articles (${[...perLocale].map(([l, n]) => `${l}: ${n}`).join(', ')}) in ${(performance.now() - started).toFixed(0)} ms`,
  )
  console.log(`terms: ${Object.keys(data.terms).length}`)
  console.log(
    `${relative(process.cwd(), out)}: ${kb(buf.length)} (gzip ${kb(gzipSync(buf).length)}, brotli ${kb(brotliCompressSync(buf).length)})`,
  )
  const questions = articles.reduce((n, a) => n + (a.questions?.length ?? 0), 0)
  if (questions) console.log(`similar questions: ${questions}`)
  console.log(`${relative(process.cwd(), listFile)}: ${kb(Buffer.byteLength(JSON.stringify(shown, null, 1)))}`)
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  try {
    main(process.argv.slice(2))
  } catch (error) {
    console.error(`index:articles: ${error instanceof Error ? error.message : String(error)}`)
    process.exit(1)
  }
}
