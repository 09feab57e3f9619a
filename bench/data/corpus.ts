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
  /** Word-like segments that follow each segment in the real text, with repeats (frequency). */
  next: Map<string, string[]>
  /** Segments that start a sentence. */
  starts: string[]
}

function pools(articles: Article[]): Map<string, Pool> {
  const out = new Map<string, Pool>()
  const seg = new Intl.Segmenter('zh', { granularity: 'word' })
  for (const a of articles) {
    let p = out.get(a.locale)
    if (!p) out.set(a.locale, (p = { sentences: [], titles: [], tags: [], words: [], next: new Map(), starts: [] }))
    p.titles.push(a.title)
    p.tags.push(...a.tags)
    const text = plainText(a.body)
    p.sentences.push(...text.split(/(?<=[。！？；.!?;])\s*/).filter((s) => s.length > 6))
    for (const s of seg.segment(text)) if (s.isWordLike && s.segment.length > 1) p.words.push(s.segment)
    for (const sentence of text.split(/(?<=[。！？；.!?;\n])\s*/)) {
      let prev = ''
      for (const s of seg.segment(sentence)) {
        if (!s.isWordLike) continue
        if (!prev) p.starts.push(s.segment)
        else (p.next.get(prev) ?? p.next.set(prev, []).get(prev)!).push(s.segment)
        prev = s.segment
      }
    }
  }
  return out
}

/** Wallet features the example articles do not cover: synthetic articles are about these. */
const FEATURES: Record<string, string[]> = {
  'zh-CN':
    '会员 积分 优惠券 红包 生活缴费 理财 信用分 话费 乘车码 医保 电子发票 共享单车 外卖 年度报告 家庭成员 亲情卡 小额贷款 保险 基金 商家码 直播打赏 游戏点券 公益捐款 花呗 借呗 社保 水电费 加油'.split(
      ' ',
    ),
  en: 'rewards coupons cashback utilities savings credit-score gift-cards travel insurance crypto budgeting subscriptions tickets parking donations loyalty vouchers payroll invoices tax-forms allowance piggy-bank stocks round-ups fuel transit'.split(
    ' ',
  ),
}

/**
 * `count` synthetic articles, `zhShare` of them zh-CN and the rest en, deterministic for a seed.
 *
 * The articles are distractors, never answers: each is about a wallet feature the real articles
 * do not cover (会员, 优惠券, rewards, parking...), named in its title, tags and body, and its
 * sentences come from a first-order Markov chain over the real articles' Intl.Segmenter words:
 * every pair of neighbouring words occurs in real wallet text (so no random character pairs make
 * rare Han bigrams), term statistics and posting-list lengths look like wallet help text, and
 * yet no synthetic article answers what a real one answers. A third of its sentences start with
 * the feature's name.
 *
 * `legacy` is the first version of this generator, kept to compare with figures measured on it.
 * It was unsound for scoring labeled queries: every synthetic article carried a real article's
 * title verbatim (half exactly, half after two words), so at 10k articles each labeled article
 * had ~98 exact-title copies and ~200 titles containing its own, with bodies stitched from the
 * real sentences; one of those ~200 was labeled relevant, the rest counted as misses. A version
 * in between (real sentences from three or more articles per synthetic one) was unsound too: a
 * soup of answer sentences from several articles partly answers many questions. So was a word
 * salad with Han single characters: its random character pairs are rare bigrams no real text has.
 */
export function syntheticCorpus(real: Article[], count: number, seed = 42, zhShare = 0.6, legacy = false): Article[] {
  const random = rng(seed)
  const pick = <T>(xs: T[]): T => xs[Math.floor(random() * xs.length)]!
  const byLocale = pools(real)
  const docs: Article[] = []
  for (let i = 0; i < count; i++) {
    const locale = random() < zhShare ? 'zh-CN' : 'en'
    const p = byLocale.get(locale)!
    const zh = locale == 'zh-CN'
    const join = zh ? '' : ' '
    const merchant = zh
      ? `${pick(p.words)}${pick(p.words)}商户${i % 997}`
      : `${pick(p.words)} ${pick(p.words)} store ${i % 997}`
    const sentences: string[] = []
    if (legacy) {
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
      sentences.splice(
        Math.floor(random() * sentences.length),
        0,
        zh ? `商户：${merchant}。` : `Merchant: ${merchant}.`,
      )
      const title = random() < 0.5 ? pick(p.titles) : [pick(p.words), pick(p.words), pick(p.titles)].join(join)
      docs.push({
        id: `syn-${i}`,
        locale,
        title,
        tags: [pick(p.tags), pick(p.tags)],
        body: sentences.join(join),
        popularity: Math.floor(random() * 100),
      })
      continue
    }
    const feature = pick(FEATURES[locale]!).replace(/-/g, ' ')
    // About as long as the real articles: BM25 length normalisation would favour short ones.
    for (let n = 8 + Math.floor(random() * 17); n > 0; n--) {
      const ws: string[] = []
      let w = random() < 0.3 ? feature : pick(p.starts)
      for (let k = 5 + Math.floor(random() * 12); k > 0; k--) {
        ws.push(w)
        const next = p.next.get(w)
        w = next ? pick(next) : pick(p.starts)
      }
      sentences.push(ws.join(join) + (zh ? '。' : '.'))
    }
    sentences.splice(Math.floor(random() * sentences.length), 0, zh ? `商户：${merchant}。` : `Merchant: ${merchant}.`)
    let title: string
    do
      title =
        [feature, pick(p.words), pick(p.words)].join(join) +
        (zh ? pick(['说明', '常见问题', '怎么用？', '']) : pick([' guide', ' FAQ', ': how it works', '']))
    while (p.titles.some((t) => title.includes(t)))
    docs.push({
      id: `syn-${i}`,
      locale,
      title,
      tags: [feature, pick(p.words)],
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
export function queryMix(
  real: Article[],
  labeled: Array<{ q: string; locale: string }>,
  count: number,
  seed = 7,
): Array<{ q: string; locale: string }> {
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

/**
 * Similar questions for synthetic articles, so that a corpus whose real articles carry
 * `questions` keeps distractors of the same make: each synthetic article gets as many questions as
 * a real article of its locale (drawn from their counts), each a first-order Markov chain over the
 * real questions' Intl.Segmenter words of that locale, as long as a real question, half of them
 * naming the article's feature. The words, pairs and lengths of the questions users ask are then
 * as common among distractors as among the real articles; only what they are about differs.
 * Locales are not merged: zh-TW articles (fewer questions, Traditional words) have no synthetic
 * peers, and counting them in made the zh-CN distractors' questions 52 on average against 62 for
 * the real zh-CN articles', with twice their share of Traditional words (0.24 against 0.10).
 * A separate random stream: the distractors' titles, tags and bodies stay those of
 * `syntheticCorpus` with the same seed.
 */
export function withSyntheticQuestions(real: Article[], synthetic: Article[], seed = 42): Article[] {
  const random = rng(seed ^ 0x5eed)
  const pick = <T>(xs: T[]): T => xs[Math.floor(random() * xs.length)]!
  const seg = new Intl.Segmenter('zh', { granularity: 'word' })
  const byLocale = new Map<
    string,
    { counts: number[]; lengths: number[]; starts: string[]; next: Map<string, string[]> }
  >()
  for (const a of real) {
    let p = byLocale.get(a.locale)
    if (!p) byLocale.set(a.locale, (p = { counts: [], lengths: [], starts: [], next: new Map() }))
    p.counts.push(a.questions?.length ?? 0)
    for (const q of a.questions ?? []) {
      const words = [...seg.segment(q)].filter((s) => s.isWordLike).map((s) => s.segment)
      if (!words.length) continue
      p.lengths.push(words.length)
      p.starts.push(words[0]!)
      for (let i = 1; i < words.length; i++)
        (p.next.get(words[i - 1]!) ?? p.next.set(words[i - 1]!, []).get(words[i - 1]!)!).push(words[i]!)
    }
  }
  return synthetic.map((a) => {
    const p = byLocale.get(a.locale)
    if (!p || !p.starts.length) return a
    const feature = a.tags[0]!
    const join = a.locale == 'en' ? ' ' : ''
    const questions: string[] = []
    for (let n = pick(p.counts); n > 0; n--) {
      const ws: string[] = []
      const len = pick(p.lengths)
      const at = random() < 0.5 ? Math.floor(random() * len) : -1
      let w = pick(p.starts)
      for (let k = 0; k < len; k++) {
        ws.push(k == at ? feature : w)
        const next = p.next.get(w)
        w = next ? pick(next) : pick(p.starts)
      }
      questions.push(ws.join(join))
    }
    return { ...a, questions }
  })
}
