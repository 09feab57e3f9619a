/**
 * Headless help search: a small BM25F engine that understands Chinese wallet questions
 * (CJK bigrams + ICU words, width/case folding, wallet synonyms, English prefix and typo
 * tolerance). No UI imports; the widgets render `ArticleHit` snippets and highlights.
 */
export {
  createSearchIndex,
  loadIndex,
  type SearchIndex,
  type SearchIndexOptions,
  type SearchOptions,
  type SerializedIndex,
  type StoredArticle,
} from './searchIndex.js'
export { serializeIndex } from './serialize.js'
export { walletSynonyms, type SynonymTable } from './synonyms.js'
export { fold, tokenize } from './tokenize.js'
export { makeSnippet, plainText, snippetParts, type Snippet } from './snippet.js'
export { parseArticle } from './markdownArticle.js'
