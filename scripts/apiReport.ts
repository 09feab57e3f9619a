/**
 * The public surface of `help-feedback/core` and `help-feedback`, as text: every export with
 * its declaration (bodies and comments left out), then every project type those declarations
 * use without exporting it. `api/*.api.md` holds the accepted version; the unit test
 * `test/unit/api/apiReport.test.ts` fails when they differ. `npm run api:update` accepts a change.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import ts from 'typescript'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')

export const ENTRIES = [
  { name: 'help-feedback/core', file: 'src/index.ts', report: 'api/core.api.md' },
  { name: 'help-feedback', file: 'widgets/index.ts', report: 'api/help-feedback.api.md' },
] as const

const printer = ts.createPrinter({ removeComments: true, newLine: ts.NewLineKind.LineFeed })

function createProgram(): ts.Program {
  const config = ts.readConfigFile(join(root, 'tsconfig.json'), ts.sys.readFile)
  const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, root)
  return ts.createProgram(
    ENTRIES.map((e) => join(root, e.file)),
    { ...parsed.options, noEmit: true },
  )
}

/** A declaration without bodies, initializers or private members: what a caller can see. */
function signature(node: ts.Node, checker: ts.TypeChecker): ts.Node {
  const strip = (ctx: ts.TransformationContext) => {
    const visit = (n: ts.Node): ts.Node | undefined => {
      if (
        (ts.isPropertyDeclaration(n) || ts.isMethodDeclaration(n)) &&
        n.modifiers?.some((m) => m.kind === ts.SyntaxKind.PrivateKeyword)
      )
        return undefined
      if (ts.isFunctionDeclaration(n))
        return ts.factory.updateFunctionDeclaration(
          n,
          n.modifiers,
          n.asteriskToken,
          n.name,
          n.typeParameters,
          n.parameters.map(param),
          n.type ?? inferred(n),
          undefined,
        )
      if (ts.isMethodDeclaration(n))
        return ts.factory.updateMethodDeclaration(
          n,
          n.modifiers,
          n.asteriskToken,
          n.name,
          n.questionToken,
          n.typeParameters,
          n.parameters.map(param),
          n.type ?? inferred(n),
          undefined,
        )
      if (ts.isConstructorDeclaration(n))
        return ts.factory.updateConstructorDeclaration(n, n.modifiers, n.parameters.map(param), undefined)
      if (ts.isGetAccessorDeclaration(n))
        return ts.factory.updateGetAccessorDeclaration(
          n,
          n.modifiers,
          n.name,
          n.parameters,
          n.type ?? inferred(n),
          undefined,
        )
      if (ts.isPropertyDeclaration(n))
        return ts.factory.updatePropertyDeclaration(
          n,
          n.modifiers,
          n.name,
          n.questionToken,
          n.type ?? typeNode(checker.getTypeAtLocation(n)),
          undefined,
        )
      return ts.visitEachChild(n, visit, ctx)
    }
    return (n: ts.Node) => ts.visitNode(n, visit) as ts.Node
  }
  const param = (p: ts.ParameterDeclaration) =>
    ts.factory.updateParameterDeclaration(
      p,
      p.modifiers,
      p.dotDotDotToken,
      p.name,
      p.questionToken ?? (p.initializer ? ts.factory.createToken(ts.SyntaxKind.QuestionToken) : undefined),
      p.type ?? typeNode(checker.getTypeAtLocation(p)),
      undefined,
    )
  const inferred = (n: ts.SignatureDeclaration) => {
    const sig = checker.getSignatureFromDeclaration(n)
    return sig ? typeNode(checker.getReturnTypeOfSignature(sig)) : undefined
  }
  const typeNode = (t: ts.Type) =>
    checker.typeToTypeNode(t, undefined, ts.NodeBuilderFlags.NoTruncation | ts.NodeBuilderFlags.IgnoreErrors)
  return ts.transform(node, [strip]).transformed[0]!
}

function print(node: ts.Node, sf: ts.SourceFile): string {
  return printer
    .printNode(ts.EmitHint.Unspecified, node, sf)
    .replace(/^export (declare )?/gm, '')
    .replace(/^declare /gm, '')
}

const isProjectFile = (sf: ts.SourceFile) => !sf.fileName.includes('/node_modules/') && sf.fileName.startsWith(root)

/** The report of one entry: exports in name order, then the project types they use unexported. */
export function entryReport(program: ts.Program, entry: (typeof ENTRIES)[number]): string {
  const checker = program.getTypeChecker()
  const sf = program.getSourceFile(join(root, entry.file))!
  const moduleSymbol = checker.getSymbolAtLocation(sf)!
  const exported = new Set<ts.Symbol>()
  const blocks: string[] = []
  const used: ts.Symbol[] = []

  const resolveAlias = (s: ts.Symbol) => (s.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(s) : s)
  const describe = (name: string, symbol: ts.Symbol): string => {
    const parts: string[] = []
    for (const d of symbol.declarations ?? []) {
      const file = d.getSourceFile()
      const where = relative(root, file.fileName)
      if (ts.isVariableDeclaration(d)) {
        const type = checker.typeToString(
          checker.getTypeOfSymbolAtLocation(symbol, d),
          undefined,
          ts.TypeFormatFlags.NoTruncation,
        )
        parts.push(`const ${name}: ${type}`)
      } else if (ts.isSourceFile(d) || ts.isModuleDeclaration(d)) {
        parts.push(
          `namespace ${name} { ${checker
            .getExportsOfModule(symbol)
            .map((s) => s.name)
            .sort()
            .join(', ')} }`,
        )
      } else {
        parts.push(print(signature(d, checker), file))
      }
      collect(d)
      void where
    }
    const declared = symbol.name !== name && symbol.name !== 'default' ? ` (declared as ${symbol.name})` : ''
    return `### ${name}${declared}\n\n\`\`\`ts\n${parts.join('\n')}\n\`\`\``
  }
  // Project types named in a declaration: part of the surface even when not exported.
  const collect = (node: ts.Node) => {
    const visit = (n: ts.Node) => {
      // A function's body is not its signature: what it uses inside is not part of the surface.
      if (ts.isBlock(n)) return
      if (ts.isTypeReferenceNode(n) || ts.isExpressionWithTypeArguments(n) || ts.isTypeQueryNode(n)) {
        const target = ts.isTypeReferenceNode(n)
          ? n.typeName
          : ts.isTypeQueryNode(n)
            ? n.exprName
            : // `class A extends make(…)`: the function that makes the base (its return type says what A inherits).
              ts.isCallExpression(n.expression)
              ? n.expression.expression
              : n.expression
        const s = checker.getSymbolAtLocation(target)
        if (s) {
          const r = resolveAlias(s)
          if (
            !(r.flags & ts.SymbolFlags.TypeParameter) &&
            r.declarations?.some((d) => isProjectFile(d.getSourceFile())) &&
            !used.includes(r)
          )
            used.push(r)
        }
      }
      ts.forEachChild(n, visit)
    }
    visit(node)
  }

  const exports = checker
    .getExportsOfModule(moduleSymbol)
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
  for (const e of exports) {
    const r = resolveAlias(e)
    exported.add(r)
    blocks.push(describe(e.name, r))
  }
  const extra: string[] = []
  for (let i = 0; i < used.length; i++) {
    const s = used[i]!
    if (exported.has(s)) continue
    extra.push(describe(s.name, s))
  }
  return [
    `# API report: ${entry.name}`,
    '',
    `Generated by \`npm run api:update\` from \`${entry.file}\`. A change here is a change to the public API.`,
    '',
    `## Exports (${exports.length})`,
    '',
    exports.map((e) => `\`${e.name}\``).join(', '),
    '',
    ...blocks.flatMap((b) => [b, '']),
    `## Types used by the exports but not exported (${extra.length})`,
    '',
    ...extra.flatMap((b) => [b, '']),
  ].join('\n')
}

export function apiReports(): Array<{ path: string; text: string }> {
  const program = createProgram()
  return ENTRIES.map((e) => ({ path: join(root, e.report), text: entryReport(program, e) }))
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  for (const r of apiReports()) {
    mkdirSync(dirname(r.path), { recursive: true })
    writeFileSync(r.path, r.text)
    console.log(`wrote ${relative(root, r.path)}`)
  }
}
