import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'

// README's API section against the accepted API report (api/core.api.md, itself checked against
// the code by apiReport.test.ts): a renamed, added or removed export, client or controller member,
// or view parameter shows up here as a README that no longer says it.
const report = readFileSync('api/core.api.md', 'utf8')
const uiReport = readFileSync('api/help-feedback.api.md', 'utf8')
const readme = readFileSync('README.md', 'utf8')
const section = (() => {
  const start = readme.indexOf('\n## API\n')
  const end = readme.indexOf('\n## ', start + 1)
  return readme.slice(start, end === -1 ? undefined : end)
})()

/** The declaration printed under `### name` (also `### name (declared as …)`). */
function declaration(name: string, from = report): string {
  const m = new RegExp(`^### ${name}(?: \\(declared as \\w+\\))?\\n\\n\`\`\`ts\\n([\\s\\S]*?)\\n\`\`\``, 'm').exec(from)
  if (!m) throw new Error(`the API report has no declaration of ${name}`)
  return m[1]!
}

/** Names of an interface's members (one level deep). */
const members = (decl: string): string[] => [...decl.matchAll(/^ {4}(?:readonly )?(\w+)[?(<:]/gm)].map((m) => m[1]!)

/** `{ id, source?, from? }` for each view with parameters, as README writes them. */
function viewParams(): Map<string, string | undefined> {
  const views = new Map<string, string | undefined>()
  for (const m of declaration('ViewParams').matchAll(/^ {4}(\w+): (?:Record<never, never>;|\{\n([\s\S]*?)\n {4}\};)/gm)) {
    const params = m[2] ? [...m[2].matchAll(/^ {8}(\w+\??):/gm)].map((p) => p[1]) : []
    views.set(m[1]!, params.length ? `{ ${params.join(', ')} }` : undefined)
  }
  return views
}

/** Written in code style: `name`, `name(…)`, `client.name`. */
const mentioned = (name: string) => new RegExp(`\`(?:client\\.)?${name}(?![\\w])`).test(section)

describe("README's API section", () => {
  it.each([
    ['help-feedback/core', report],
    ['help-feedback', uiReport],
  ])('names every export of %s, and says how many there are', (_, from) => {
    const m = /^## Exports \((\d+)\)\n\n(.*)$/m.exec(from)!
    const names = m[2]!.split(', ').map((n) => n.replaceAll('`', ''))
    expect(names).toHaveLength(Number(m[1]))
    expect(names.filter((n) => !mentioned(n))).toEqual([])
    expect(section).toContain(`exports ${m[1]} names`)
  })

  it('names every option and every member of what createHelpFeedback returns', () => {
    const missing: string[] = []
    for (const type of ['WidgetOptions', 'SupportOptions', 'HelpFeedback'])
      for (const n of members(declaration(type, uiReport))) if (!mentioned(n)) missing.push(`${type}.${n}`)
    expect(missing).toEqual([])
  })

  it('names every member of the client and of each controller', () => {
    const missing: string[] = []
    for (const type of [
      'SupportClient',
      'HelpController',
      'ChatController',
      'ChatActions',
      'ReportsController',
      'RequestsController',
      'ContactController',
      'TextDrafts',
    ]) {
      const names = members(declaration(type))
      expect(names.length, type).toBeGreaterThan(0)
      for (const n of names) if (!mentioned(n)) missing.push(`${type}.${n}`)
    }
    expect(missing).toEqual([])
  })

  it("gives each view of open() with the report's parameters", () => {
    const views = viewParams()
    expect([...views.keys()]).toContain('article')
    for (const [view, params] of views) {
      // Line breaks in the prose are spaces.
      expect(section.replace(/\s+/g, ' ')).toContain(params ? `\`${view}\` (\`${params}\`)` : `\`${view}\``)
    }
  })
})
