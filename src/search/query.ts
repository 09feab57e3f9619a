import { editDistance } from '../editDistance.js'
import { COMPLEMENTS, FAILURE, FILLER_WORDS, INTENTS, PARTICLES, VERB_WORDS } from './lexicon.js'
import { eachRun, fold, HAN, stem, STOP, tokenize } from './tokenize.js'
import {
  COHESION,
  COMPLEMENT_WEIGHT,
  FILLER_WEIGHT,
  HAN_TYPO,
  INTENT_WEIGHT,
  PARTICLE_WEIGHT,
  SINGLE,
  SYNONYM,
} from './tuning.js'

/** Question filler bigrams (怎么办, 为什么, 如何...): kept, but they cannot decide a ranking. */
const FILLER = new Set(FILLER_WORDS.split(' '))
/**
 * A word's last letter, maybe doubled, and a derivational ending, stemmed, maybe after the word's
 * silent e (scanner, refundabl, withdrawal, payment, verification, requirement, failur, validiti).
 */
const SUFFIX = /^(.)\1?(?:|e?(?:[rd]|ing|[ai]bl|al|ation|ion|ment|ness|l?i|ful|less|[ae]nc|iv|i[sz]|ag)|ur|iti)$/
/** A query bigram holding a sentence particle (钱的, 了吗) is mostly grammar, not topic. */
const PARTICLE = new RegExp(`[${PARTICLES}]`)
/**
 * A verb with a negated resultative complement, the everyday way to say "cannot": 提不出来,
 * 付不了款, 转不过去, 到不了账, 绑不上. Its bigrams (提不, 不出) are noise; the verb joined to
 * what follows (付款, 到账) and the verb's wallet word carry the meaning.
 */
const COMPLEMENT = new RegExp(`(\\p{Script=Han})不(?:${COMPLEMENTS.replace(/ /g, '|')})(\\p{Script=Han})?`, 'gu')
/** The wallet word a verb heads, found by its first character (提 → 提现). */
const VERBS = VERB_WORDS.split(' ')
/** Intent patterns (see `INTENTS`), each word as a synonym key: Han as typed, Latin stemmed between spaces (`_` joins a phrase). */
const INTENT = INTENTS.map((i) =>
  i.split('|').map((l) => l.split(' ').map((k) => (HAN.test(k) ? k : ` ${k.split('_').map(stem).join(' ')} `))),
)

/** A word with each run of one letter as one letter (account → acount). */
const squeeze = (w: string): string => w.replace(/(.)\1+/g, '$1')

/** Whether two words of equal length differ in two letters only, swapped. */
const swapped = (a: string, b: string): boolean => {
  const at: number[] = []
  for (let i = 0; i < a.length; i++) if (a[i] != b[i]) at.push(i)
  return at.length == 2 && a[at[0]!] == b[at[1]!] && a[at[1]!] == b[at[0]!]
}

/** Per UTF-16 unit, marked for a typo lookup (zero between lookups). */
const marks = new Uint8Array(65536)

/** Terms whose scores add up, like the bigrams of one word. */
export type Variant = Map<string, number>

/** Alternative variants (an article scores the best one, so synonyms never pile up). */
export interface Clause {
  v: Variant[]
  /** A synonym clause: the literal query terms it stands for. */
  syn?: string[]
  /** A boost: only adds to articles other clauses found (a back-off character of a known bigram). */
  b?: boolean
  /** A synonym clause: its group's index and the group's variants left out (typed, or scored by the query's own terms). */
  u?: [group: number, out: number[]] | undefined
}

/**
 * Turns a query into clauses (OR semantics; BM25 sorts it out). Han text gives one clause per
 * bigram and dictionary word, and single characters only where no bigram of the query is known.
 * A Latin word's clause also holds the longer words it prefixes and, when the word is unknown,
 * words one or two edits away; English function words are dropped when the query has other
 * words. Each matched synonym group adds one clause of its other variants.
 */
export function buildQuery(
  query: string,
  /** Number of live articles containing the term (0 = unknown term). */
  df: (term: string) => number,
  /** The index's idf of a document frequency (the weight of a term in that many articles). */
  idf: (df: number) => number,
  /**
   * Whether a live article holds the term in its title, tags or body: a word only similar
   * questions hold is as likely a typo ("acount") as a word, so it is looked up as one too.
   */
  written: (term: string) => boolean,
  /** Sorted non-Han vocabulary, for prefix and typo lookups. */
  vocabulary: () => string[],
  /**
   * The characters that follow a Han character in the index's bigrams (`back`: that precede it),
   * one UTF-16 unit each, for typo lookups.
   */
  follow: (a: string, back?: boolean) => string,
  /** Synonym groups of the query's locale (see `compileSynonyms`). */
  synonyms: CompiledVariant[][],
  /** Expand Latin prefixes and typos (off for long free text). */
  loose: boolean,
): Clause[] {
  const clauses: Clause[] = []
  const seen = new Set<string>()
  const add = (v: Variant[], key: string, syn?: string[], u?: Clause['u']): void => {
    if (!v.length || seen.has(key)) return
    seen.add(key)
    clauses.push(syn ? { v, syn, u } : { v })
  }
  const one = (t: string, w: number): void => add([new Map([[t, w]])], t)
  const f = fold(query)
  const words: string[] = []
  let han = false
  const complements: Array<[words: string[], span: string[]]> = []
  /**
   * The wallet word a complement pattern implies, with its span: it triggers that word's synonym
   * group as if typed (取不出来 → 取现 → 提现, which the articles say), even when no article says
   * the word itself.
   */
  const implied: Array<[word: string, span: string[]]> = []
  /** COHESION of the articles holding a bigram's rarer character. */
  const floor = (b: string): number => COHESION * Math.min(df(b[0]!), df(b[1]!))
  /** A bigram's articles as a share of COHESION of those holding its rarer character (≥ 1: a word). */
  const share = (b: string): number => df(b) / (floor(b) || 1)
  /** A bigram's weight: its idf capped at that of COHESION of its rarer character's articles, as a share of its own. */
  const cohesion = (b: string): number => (share(b) < 1 ? idf(floor(b)) / idf(df(b)) : 1)
  /** The word being typed: the query's last run if Latin and nothing follows it (not "pay?", "pay x", "pay 失败"). */
  let typing = ''
  eachRun(f, (run, isHan) => {
    typing = isHan || !f.endsWith(run) ? '' : stem(run)
    if (!isHan) return void (run.length > 1 && words.push(stem(run)))
    han = true
    const c = [...run]
    const known: boolean[] = []
    const noise = new Set<string>()
    for (const m of run.matchAll(COMPLEMENT)) {
      const v = m[1]!
      const verb = VERBS.find((w) => w[0] == v) ?? ''
      const words = [m[2] ? v + m[2] : '', verb].filter((w) => w && df(w))
      const span = [...m[0]].slice(1).flatMap((ch, i) => [[...m[0]][i] + ch])
      span.forEach((b) => noise.add(b))
      // The words typed (取不出来) score nothing but are marked where an article says them.
      add([new Map(span.map((b) => [b, 0]))], '\0m' + span)
      if (verb) implied.push([verb, span])
      complements.push([words, span])
    }
    for (let i = 1; i < c.length; i++) {
      const b = c[i - 1]! + c[i]!
      // A bigram met in few of the articles that hold its rarer character spans two words
      // (系统不让 → 统不): rare, so a strong idf, but no topic (see COHESION).
      one(b, FILLER.has(b) || noise.has(b) ? FILLER_WEIGHT : PARTICLE.test(b) ? PARTICLE_WEIGHT : cohesion(b))
      if (df(b)) known[i - 1] = known[i] = true
    }
    // A character that pairs with neither neighbour (转措账, 免蜜支付) is most likely a typo for
    // one that pairs with both, in words that are words, not pairs across two (转错账, 免密支付).
    for (let i = 1; i < c.length - 1; i++) {
      const a = c[i - 1]!
      const z = c[i + 1]!
      if (known[i] || !loose) continue
      // Only a character marked as preceding z can pair with both: a scan of two strings, not a
      // lookup per character that follows a (hundreds for 款). z beyond the BMP: all marked.
      const next = follow(a)
      const prev = z.length > 1 ? next : follow(z, true)
      const v: Variant[] = []
      for (let k = 0; k < prev.length;) marks[prev.charCodeAt(k++)] = 1
      for (let k = 0; k < next.length; k++) {
        const x = marks[next.charCodeAt(k)] ? next[k]! : ''
        if (x && share(a + x) >= 1 && share(x + z) >= 1)
          v.push(
            new Map([
              [a + x, HAN_TYPO],
              [x + z, HAN_TYPO],
            ]),
          )
      }
      for (let k = 0; k < prev.length;) marks[prev.charCodeAt(k++)] = 0
      add(v, '\0t' + a + z)
    }
    c.forEach((ch, i) => {
      // A character of a known bigram adds a little to articles found otherwise (钱提不到 meets
      // 提现 through 提), but finds none by itself; particles (的, 了) add nothing.
      if (known[i]) {
        if (!PARTICLE.test(ch) && !seen.has('\0b' + ch)) {
          seen.add('\0b' + ch)
          clauses.push({ v: [new Map([[ch, SINGLE]])], b: true })
        }
        return
      }
      one(ch, c.length > 1 ? SINGLE : 1)
      // A lone verb (充的钱, 提的钱) most likely means the wallet word it heads.
      const w = c.length > 1 && VERBS.find((x) => x[0] == ch)
      if (w && df(w)) complements.push([[w], [ch]])
    })
  })
  // Function words only count when the query has nothing else ("how do i").
  const content = words.filter((w) => !STOP.has(w))
  const latin = content.length || han ? content : words
  const vocab = latin.length && loose ? vocabulary() : []
  /** Typo corrections, each with the word it corrects (synonyms then cover that word). */
  const fixed = new Map<string, string>()
  const letters = new Int32Array(128)
  for (const w of latin) {
    const c: Variant[] = [new Map([[w, 1]])]
    if (vocab.length) {
      let lo = 0
      let hi = vocab.length
      while (lo < hi) {
        const m = (lo + hi) >> 1
        vocab[m]! < w ? (lo = m + 1) : (hi = m)
      }
      // Up to 12 longer words sharing the prefix, weaker the more they add ("refund" → refunded):
      // for the word being typed or one the articles lack. A whole word the articles hold is
      // what the user meant: "pay" of "qr pay rejected" found every "payroll" title.
      const open = w == typing || !written(w)
      for (let n = 0; open && w.length > 2 && n < 12 && vocab[lo]?.startsWith(w); lo++) {
        if (vocab[lo] == w) continue
        c.push(new Map([[vocab[lo]!, (0.8 * w.length) / vocab[lo]!.length]]))
        n++
      }
      const maxEdits = w.length > 6 ? 2 : 1
      // A 7-letter word's second edit only for a word it starts as (identiy → identiti, charegd →
      // charg): two edits anywhere turned scanner into scammer, session into version.
      const head = w.length == 7 ? w.slice(0, 4) : ''
      let closest = maxEdits + 1
      let fix = ''
      /** Whether `fix` is a word of the articles, not only of their similar questions (a user's typo, "refnud"). */
      let real = false
      if (w.length > 3 && !written(w)) {
        for (let i = 0; i < w.length; i++) letters[w.charCodeAt(i) & 127]!++
        for (let k = 0; k < vocab.length; k++) {
          const v = vocab[k]!
          if (v == w) continue
          const max = head && !v.startsWith(head) ? 1 : maxEdits
          // A length further than max from w's cannot be close: one test spares most letter counts.
          if (Math.abs(v.length - w.length) > max) continue
          // Letters in one word and not the other: an edit changes at most two, so a word with
          // more than 2 * max cannot be close (cheap, and it spares most edit distances).
          let apart = w.length + v.length
          for (let i = 0; i < v.length; i++) if (letters[v.charCodeAt(i) & 127]!-- > 0) apart -= 2
          for (let i = 0; i < v.length; i++) letters[v.charCodeAt(i) & 127]!++
          let d = apart > 2 * max ? max + 1 : editDistance(w, v, max)
          // A doubled letter typed once or thrice (frez → freez, acccount) is the closest slip of
          // all; two letters swapped further apart (uptad → updat) one slip, as neighbours are.
          if (d <= max && d && squeeze(v) == squeeze(w)) d = 0.5
          if (d > max && !apart && v[0] == w[0] && w.length > 4 && swapped(w, v)) d = 1
          if (d <= max) c.push(new Map([[v, 0.8 - 0.2 * d]]))
          // The closest correction also triggers synonyms ("pasword" → password → pin); of equally
          // close ones, a word the articles say before one only a question has ("refnd" → refund, not refnud).
          if (d <= max && (d < closest || (d == closest && !real && written(v)))) {
            real = d < closest ? written(v) : true
            closest = d
            fix = v
          }
        }
        // No close word: a derived or prefixed form of one the articles say (withdrawals →
        // withdraw, refundable → refund, unfreezing → freez) stands for it, as a typo would. Words
        // only: a pasted run of thousands of letters would be sliced as many times.
        // A prefix is no word it stands for: overpaid is no "over", underpaid no "under".
        // What follows the word must be a suffix (bankrupt is no "bank"), and dis-, de-, mis-, non-
        // take a word of five letters or more (discard is no "card", department no "part").
        // A word behind a prefix is only that word, without its synonyms: restore is no "store" of a shop.
        const pre = /^(?:under|over|un|re|(mis|dis|de|non))/.exec(w)
        let bare = false
        if (!fix && w.length < 25)
          for (const x of pre ? [w, w.slice(pre[0].length)] : [w])
            for (let k = x.length; !fix && k > (x != w && pre?.[1] ? 4 : 3) && k * 2 >= x.length; k--) {
              const v = x.slice(0, k)
              if (v != w && v != 'over' && v != 'under' && SUFFIX.test(x.slice(k - 1)) && written(v)) {
                c.push(new Map([[(fix = v), 0.6]]))
                bare = x != w
              }
            }
        if (fix && !bare) fixed.set(fix, w)
        letters.fill(0)
      }
    }
    add(c, w)
  }
  // The pattern's words stand for its bigrams, which an article about the problem rarely has.
  for (const [ws, span] of complements) {
    const covers = span.filter((t) => seen.has(t))
    add(
      ws.map((w) => new Map([[w, COMPLEMENT_WEIGHT]])),
      '\0v' + ws,
      covers,
    )
    add(df(FAILURE) ? [new Map([[FAILURE, COMPLEMENT_WEIGHT / 2]])] : [], FAILURE, covers)
  }
  // Synonym keys are matched against every word typed, function words included ("not me").
  const line = ` ${words.concat([...fixed.keys()]).join(' ')} `
  // A Latin key comes with its spaces (" not me "): no string is built per variant and query.
  const typed = ([key, han]: CompiledVariant): boolean => (han ? f : line).includes(key)
  const has = (ks: string[]): boolean => ks.some((k) => (k[0] == ' ' ? line : f).includes(k))
  for (const [who, what, means, unless] of INTENT)
    if (has(who!) && has(what!) && !(unless && has(unless)))
      for (const w of means!) {
        add([new Map(tokenize(w).flatMap((t) => (t.length > 1 ? [[t, INTENT_WEIGHT]] : [])))], '\0i' + w)
        // It also brings in its synonym group, as a word a pattern implies does.
        implied.push([w, []])
      }
  synonyms.forEach((group, g) => {
    // Tested first: a closure per group and query when no pattern implies a word (most queries).
    const imp = implied[0] && implied.find(([w]) => group.some(([key]) => w == key))
    if (!group.some(typed) && !imp) return
    const hit = group.map((x) => typed(x) || x[0] == imp?.[0])
    // A variant scores through its rarest term: an article holding 定银 almost surely says
    // 绑定银行卡, and rare lists are short. Its other terms ride along (weight 0) for highlighting.
    const out: number[] = []
    const variants = group.flatMap(([, , ts], v): Variant[] => {
      const rare = rarest(ts, df)
      return hit[v] || seen.has(rare) ? (out.push(v), []) : [new Map(ts.map((t) => [t, t == rare ? SYNONYM : 0]))]
    })
    // The query terms this group stands for: a typo's correction (its idf, not the unknown
    // word's) stands for the typed word.
    // An implied word stands for its pattern's bigrams.
    const covers = group
      .flatMap(([, , ts], v) => (hit[v] ? ts : []))
      .filter((t) => seen.has(t) || fixed.has(t))
      .concat(imp?.[1].filter((t) => seen.has(t)) ?? [])
    add(variants, '\0' + g, covers, [g, out])
  })
  return clauses
}

/** The term a synonym variant scores through: its rarest (the first of equally rare ones). */
export const rarest = (ts: string[], df: (t: string) => number): string => ts.reduce((a, b) => (df(b) < df(a) ? b : a))

/** A synonym variant ready for matching: its key (a Latin one between spaces), whether it is Han text, and its terms. */
export type CompiledVariant = [key: string, han: boolean, terms: string[]]

/**
 * Folds synonym variants once so that queries only compare strings. Variants that fold or stem
 * alike ("freeze" and "frozen", 帐号 and 账号) are kept once: the second would walk the same
 * postings again for the same score.
 */
export const compileSynonyms = (groups: string[][]): CompiledVariant[][] =>
  groups.map((g) => {
    const keys = new Set<string>()
    return g.flatMap((v): CompiledVariant[] => {
      const han = HAN.test(v)
      const terms = tokenize(v).filter((t) => t.length > 1)
      // Function words match the key ("not me") but do not score: "me" is no sign of fraud.
      const content = terms.filter((t) => !STOP.has(t))
      // A variant with no term of two characters or more ('x', 的, '!!') has nothing to score
      // through (it threw in every search its group matched): dropped.
      const key = han ? fold(v) : ` ${terms.join(' ')} `
      return terms.length && !keys.has(key) && keys.add(key) ? [[key, han, content.length ? content : terms]] : []
    })
  })
