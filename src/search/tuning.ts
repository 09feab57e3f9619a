/**
 * The search's numeric tuning, apart: constants of a module without imports are inlined in the
 * bundle (esbuild keeps a module's own constants as variables when it imports others).
 */

// Query term weights (`query.ts`).

/**
 * Weight of a single Han character of a longer query (0.2 until tune8: at 10k articles a character
 * in no known bigram, 少 of 钱包少钱, was often the query's only trace of its topic).
 */
export const SINGLE = 0.5
/**
 * A synonym variant's weight relative to the words typed; the index also caps its idf at that of
 * the words it stands for, so a rare synonym never outweighs the query's own word.
 */
export const SYNONYM = 0.8
export const PARTICLE_WEIGHT = 0.3
export const FILLER_WEIGHT = 0.2
/**
 * Weight of an intent's words: above a word typed (1), as two cues of the query stand for them
 * (tuning sets, mean MRR@10 at 60/1k/10k against 1: 0.7 -0.002 each, 1.3 +0.000/+0.002/+0.001,
 * 1.5 +0.000/+0.002/+0.002, 2 +0.000/+0.002/+0.003 with tune7 at 60 -0.002).
 */
export const INTENT_WEIGHT = 1.5
/** Weight of each bigram of a Han typo's correction (a Latin word one edit away weighs the same). */
export const HAN_TYPO = 0.6
/** Weight of the words a complement pattern stands for, and of the failure it implies. */
export const COMPLEMENT_WEIGHT = 0.8
/**
 * A query bigram in less than this share of the articles holding its rarer character weighs as if
 * it were in that many: a pair across two words (统不 of 系统不让) is rare, so its idf would be
 * the query's strongest, but it names no topic. Its idf is capped, not scaled by the share (as
 * before 2026-12-05): among thousands of articles of long text nearly every article holds each
 * common character, so a rare real word (退货, 寄来) fell to a share near 0 and out of its query.
 */
export const COHESION = 0.1

// Ranking (`searchIndex.ts`).

/**
 * Body and similar questions saturate more slowly than title and tags: an article about a topic
 * repeats its word, and a word many users asked with is a stronger sign than one who did.
 */
export const K1B = 2
/**
 * Similar questions saturate more slowly still (k1 6), and a word's first occurrence there counts
 * half (tf − 0.5). A word in many of an article's questions is the word many users asked it with;
 * one in a single question is one user's, and a rare word once in a long list (钟头 of one
 * question among sixty) outweighed an article whose questions repeat the query's common words
 * (钱, 扣了). Tuning sets at 1k/10k, leave one set out: MRR@10 means 0.975/0.964 → 0.980/0.975
 * (k1 4: 0.979/0.973, 8: 0.979/0.974; without the half: 0.979/0.973), the newest set 0.855 →
 * 0.887 at 10k; one set 0.003 lower at 1k (tune2), none at 10k.
 */
export const K1Q = 6
export const FIRST_QUESTION = 0.5
/**
 * BM25's idf, flattened: at 10k articles it spans 1 to 9, and one rare word of a question (how
 * "long", a synonym's "not") outweighed the topic word in an article's title and tags. Raised to
 * this power, rarity still orders the terms but no longer decides alone (bench:search tuning sets
 * at 10k: MRR@10 +0.01 to +0.03 each).
 */
export const IDF_POWER = 0.7
/**
 * Weight of the similar questions (`Article.questions`): a field of their own, not the body's
 * (the twelve tuning sets at 1k/10k articles, each scored with the other sets' queries as
 * questions: MRR@10 means 0.970/0.961 as body text; own field, b 0.75: weight 1 0.972/0.962, 2
 * 0.977/0.966, 3 0.976/0.963; weight 2 with b 0.5 0.979/0.970, b 0.3 0.980/0.970, and k1 1.2
 * 0.977/0.966 against 2). b 0.5, not 0.3: a long list is normalised more, so one article given
 * a whole search log weighs each of its words less.
 */
export const QUESTIONS_WEIGHT = 2
/** Score factor for an article with a tag equal to the whole query. */
export const TAG_BONUS = 1.25
