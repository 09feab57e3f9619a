/**
 * Seeded synthetic help corpus for the search benchmark. Articles are stitched from sentences
 * and words of the real example articles (so term statistics look like wallet help text), with
 * clause swaps and random merchant names so that the vocabulary keeps growing with size.
 */
import { plainText } from '../../src/search/index.js'
import type { Article } from '../../src/types.js'

export { rng } from './rng.js'
import { rng } from './rng.js'

interface Pool {
  sentences: string[]
  titles: string[]
  tags: string[]
  words: string[]
}

function pools(articles: Article[]): Map<string, Pool> {
  const out = new Map<string, Pool>()
  const seg = new Intl.Segmenter('zh', { granularity: 'word' })
  for (const a of articles) {
    let p = out.get(a.locale)
    if (!p) out.set(a.locale, (p = { sentences: [], titles: [], tags: [], words: [] }))
    p.titles.push(a.title)
    p.tags.push(...a.tags)
    const text = plainText(a.body)
    p.sentences.push(...text.split(/(?<=[。！？；.!?;])\s*/).filter((s) => s.length > 6))
    for (const s of seg.segment(text)) if (s.isWordLike && s.segment.length > 1) p.words.push(s.segment)
  }
  return out
}

/**
 * `count` synthetic articles, `zhShare` of them zh-CN and the rest en, deterministic for a seed.
 */
export function syntheticCorpus(real: Article[], count: number, seed = 42, zhShare = 0.6): Article[] {
  const random = rng(seed)
  const pick = <T>(xs: T[]): T => xs[Math.floor(random() * xs.length)]!
  const byLocale = pools(real)
  const docs: Article[] = []
  for (let i = 0; i < count; i++) {
    const locale = random() < zhShare ? 'zh-CN' : 'en'
    const p = byLocale.get(locale)!
    const zh = locale == 'zh-CN'
    const join = zh ? '' : ' '
    const merchant = zh ? `${pick(p.words)}${pick(p.words)}商户${i % 997}` : `${pick(p.words)} ${pick(p.words)} store ${i % 997}`
    const sentences: string[] = []
    for (let n = 3 + Math.floor(random() * 6); n > 0; n--) {
      let s = pick(p.sentences)
      // Swap one clause with a clause of another sentence now and then.
      if (random() < 0.35) {
        const parts = s.split(zh ? '，' : ', ')
        parts[Math.floor(random() * parts.length)] = pick(pick(p.sentences).split(zh ? '，' : ', '))
        s = parts.join(zh ? '，' : ', ')
      }
      sentences.push(s)
    }
    sentences.splice(Math.floor(random() * sentences.length), 0, zh ? `商户：${merchant}。` : `Merchant: ${merchant}.`)
    const title = random() < 0.5 ? pick(p.titles) : [pick(p.words), pick(p.words), pick(p.titles)].join(join)
    docs.push({
      id: `syn-${i}`,
      locale,
      title,
      tags: [pick(p.tags), pick(p.tags)],
      body: sentences.join(join),
      popularity: Math.floor(random() * 100),
    })
  }
  return docs
}

/**
 * Queries for latency runs: the labeled queries plus phrases cut from the corpus, some with a
 * typo (a dropped Latin letter), some long (ticket-like free text is what `suggest` is for).
 */
export function queryMix(real: Article[], labeled: Array<{ q: string; locale: string }>, count: number, seed = 7): Array<{ q: string; locale: string }> {
  const random = rng(seed)
  const pick = <T>(xs: T[]): T => xs[Math.floor(random() * xs.length)]!
  const byLocale = pools(real)
  const out = labeled.slice()
  while (out.length < count) {
    const locale = random() < 0.65 ? 'zh-CN' : 'en'
    const p = byLocale.get(locale)!
    const roll = random()
    let q: string
    if (roll < 0.4) q = pick(p.words) + (locale == 'en' ? ' ' : '') + pick(p.words)
    else if (roll < 0.7) q = pick(p.tags)
    else {
      const s = pick(p.sentences)
      const start = Math.floor(random() * Math.max(1, s.length - 12))
      q = s.slice(start, start + (locale == 'en' ? 12 + Math.floor(random() * 20) : 4 + Math.floor(random() * 8)))
    }
    if (locale == 'en' && random() < 0.25 && q.length > 5) {
      const at = 1 + Math.floor(random() * (q.length - 2))
      q = q.slice(0, at) + q.slice(at + 1)
    }
    out.push({ q, locale })
  }
  return out
}
