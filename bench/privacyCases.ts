/**
 * Scoring of masking cases, shared by `bench:privacy` and its tests. A sensitive case counts as
 * masked when no run of the secret's digits survives in the output (digits of any script read
 * as ASCII, separators and invisibles ignored; the last four a card may keep excluded). A benign
 * case counts as kept when every `mustKeep` substring is still in the output.
 */
import { normalize } from '../src/privacy/normalize.js'

export interface SensitiveEntry {
  text: string
  secret: string
  kind: string
  keep?: string
}

export interface BenignEntry {
  text: string
  mustKeep: string[]
}

export interface CaseFile {
  sensitive: SensitiveEntry[]
  benign: BenignEntry[]
}

export interface Score {
  masked: number
  sensitive: number
  kept: number
  benign: number
  /** Per kind: [masked, total]. */
  byKind: Record<string, [number, number]>
  /** A few failures, for the printout. */
  misses: string[]
}

/** Digit runs of a text: maximal digit (or ID `X`) sequences joined by separators, each compacted. */
export function digitRunsOf(text: string): string[] {
  const norm = normalize(text).text
  return (norm.match(/[0-9Xx](?:[\s./_\-()]*[0-9Xx])*/g) ?? []).map((r) => r.replace(/[^0-9Xx]/g, '').toUpperCase())
}

/** What must not survive of a secret: its digits without the kept tail, or the whole token for a password with letters. */
export function hiddenPart(secret: string, keep?: string): { digits: boolean; value: string } {
  const norm = normalize(secret).text.trim()
  if (/[A-WYZa-wyz]/.test(norm.replace(/[Xx]$/, ''))) return { digits: false, value: norm }
  const compact = norm.replace(/[^0-9Xx]/g, '').toUpperCase()
  const tail =
    keep === undefined
      ? ''
      : normalize(keep)
          .text.replace(/[^0-9Xx]/g, '')
          .toUpperCase()
  return { digits: true, value: tail !== '' && compact.endsWith(tail) ? compact.slice(0, -tail.length) : compact }
}

/** True when the secret (minus what it may keep) can still be read in `output`. */
export function survives(output: string, secret: string, keep?: string): boolean {
  const hidden = hiddenPart(secret, keep)
  if (hidden.value === '') return false
  if (!hidden.digits) return normalize(output).text.includes(hidden.value)
  return digitRunsOf(output).some((run) => run.includes(hidden.value))
}

/** Runs every case of `file` through `mask` and counts. */
export function score<C extends SensitiveEntry>(
  file: { sensitive: C[]; benign: BenignEntry[] },
  mask: (text: string) => string,
  masked: (c: C, out: string) => boolean = (c, out) => !survives(out, c.secret, c.keep),
): Score {
  const s: Score = { masked: 0, sensitive: 0, kept: 0, benign: 0, byKind: {}, misses: [] }
  for (const c of file.sensitive) {
    const out = mask(c.text)
    const ok = masked(c, out)
    const k = (s.byKind[c.kind] ??= [0, 0])
    k[1]++
    s.sensitive++
    if (ok) {
      s.masked++
      k[0]++
    } else if (s.misses.length < 5) {
      s.misses.push(`not masked (${c.kind}): ${JSON.stringify(c.text)} → ${JSON.stringify(out)}`)
    }
  }
  for (const c of file.benign) {
    const out = mask(c.text)
    s.benign++
    if (c.mustKeep.every((m) => out.includes(m))) s.kept++
    else if (s.misses.length < 10) s.misses.push(`not kept: ${JSON.stringify(c.text)} → ${JSON.stringify(out)}`)
  }
  return s
}

/** Reads and checks the shape of a case file; throws with the reason when it is malformed. */
export function parseCaseFile(json: string): CaseFile {
  const data = JSON.parse(json) as Partial<CaseFile>
  const sensitive = Array.isArray(data.sensitive) ? data.sensitive : []
  const benign = Array.isArray(data.benign) ? data.benign : []
  for (const c of sensitive) {
    if (typeof c.text !== 'string' || typeof c.secret !== 'string')
      throw new Error('sensitive cases need "text" and "secret"')
    if (c.keep !== undefined && typeof c.keep !== 'string') throw new Error('"keep" must be a string')
    c.kind = typeof c.kind === 'string' ? c.kind : 'unknown'
  }
  for (const c of benign) {
    if (typeof c.text !== 'string' || !Array.isArray(c.mustKeep))
      throw new Error('benign cases need "text" and "mustKeep"')
  }
  return { sensitive, benign }
}

const pct = (a: number, b: number) => (b === 0 ? 'n/a' : `${((100 * a) / b).toFixed(2)}%`)

/** The printout of a score, one line per figure. */
export function formatScore(label: string, s: Score): string[] {
  const lines = [
    `${label} masked: ${s.masked}/${s.sensitive} (${pct(s.masked, s.sensitive)})`,
    ...Object.entries(s.byKind).map(([kind, [m, t]]) => `  ${kind}: ${m}/${t}`),
    `${label} benign kept: ${s.kept}/${s.benign} (${pct(s.kept, s.benign)})`,
  ]
  return lines.concat(s.misses.map((m) => `  ${m}`))
}
