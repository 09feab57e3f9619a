import { loadArticles, withQuestionsFile } from '/work/main/scripts/indexArticles.js'
import { createSearchIndex, walletSynonyms } from '/work/main/src/search/index.js'
import { queryMix, syntheticCorpus, withSyntheticQuestions } from '/work/main/bench/data/corpus.js'
import { readFileSync } from 'node:fs'
const root = '/work/main/'
const real = withQuestionsFile(loadArticles(`${root}examples/articles`), `${root}examples/articles`)
const labeled = JSON.parse(readFileSync(`${root}bench/data/queries.json`, 'utf8'))
const synthetic = syntheticCorpus(real, 10000 - real.length, 42, 0.6, false)
const docs = real.concat(withSyntheticQuestions(real, synthetic))
const index = createSearchIndex(docs, { synonyms: walletSynonyms })
const mix = queryMix(real, labeled, 400)
for (const { q, locale } of mix) index.search(q, { locale, limit: 10 })
console.log('START')
const t: number[] = []
for (let p = 0; p < 5; p++) for (const { q, locale } of mix) { const s = performance.now(); index.search(q, { locale, limit: 10 }); t.push(performance.now() - s) }
console.log('END')
t.sort((a, b) => a - b)
console.log('n', t.length, 'p50', t[Math.floor(t.length * 0.5)].toFixed(3), 'p99', t[Math.floor(t.length * 0.99)].toFixed(3))
