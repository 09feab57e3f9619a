/**
 * Similar questions (相似问法) for the example articles, from the labeled queries of the tuning
 * sets: what a search log with the article each searcher opened gives an operator. Each query is
 * a question of every article it is labeled with; exact repeats count once.
 *
 *   npx tsx bench/data/questions.ts      writes examples/articles/questions.json
 *
 * The held-out set is never read here. `tuneEval --questions` scores each tuning set with the
 * questions of the other sets only (leave one set out), since a set's own queries would find
 * themselves.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { resolve } from 'node:path'

const root = fileURLToPath(new URL('../..', import.meta.url))

/** The tuning sets, oldest first (the held-out set is not one of them). */
export const TUNING_SETS = [
  'queries.json',
  'queries-dev.json',
  'queries-tune.json',
  'queries-tune2.json',
  'queries-tune4.json',
  'queries-tune5.json',
  'queries-tune6.json',
  'queries-tune7.json',
  'queries-tune8.json',
  'queries-tune9.json',
  'queries-tune10.json',
  'queries-tune11.json',
  'queries-tune12.json',
  'queries-tune13.json',
  'queries-tune14.json',
  'queries-tune15.json',
  'queries-tune16.json',
  'queries-tune17.json',
  'queries-tune18.json',
  'queries-tune19.json',
  'queries-tune20.json',
  'queries-tune21.json',
  'queries-tune22.json',
]

export interface Labeled {
  q: string
  locale: string
  relevant: string[]
  class?: string
}

export const readSet = (file: string): Labeled[] =>
  JSON.parse(readFileSync(`${root}bench/data/${file}`, 'utf8')) as Labeled[]

/** Article id → its questions, from every tuning set but `except`. */
export function similarQuestions(except?: string): Record<string, string[]> {
  const out = new Map<string, Set<string>>()
  for (const file of TUNING_SETS)
    if (file != except)
      for (const { q, relevant } of readSet(file))
        for (const id of relevant) (out.get(id) ?? out.set(id, new Set()).get(id)!).add(q.trim())
  return Object.fromEntries([...out].sort(([a], [b]) => (a < b ? -1 : 1)).map(([id, qs]) => [id, [...qs]]))
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const questions = similarQuestions()
  const file = `${root}examples/articles/questions.json`
  writeFileSync(file, JSON.stringify(questions, null, 1) + '\n')
  const n = Object.values(questions).reduce((s, qs) => s + qs.length, 0)
  console.log(`${file}: ${n} questions for ${Object.keys(questions).length} articles`)
}
