import { internals, type SearchIndex, type SerializedIndex } from './searchIndex.js'

/**
 * An index as plain data for `JSON.stringify`; `loadIndex` restores it without re-indexing
 * (`npm run index:articles` writes the prebuilt index so). A function apart from the index, not
 * a method: the browser only loads indexes, and its bundle leaves this out.
 */
export function serializeIndex(index: SearchIndex): SerializedIndex {
  const got = internals.get(index)
  if (!got) throw new TypeError('help-feedback: not a search index')
  const [data, store] = got
  // Drops the postings of removed articles first.
  store.compact((slot) => !data.docs[slot], true)
  const terms: Record<string, number[]> = {}
  for (const t of store.terms()) {
    const [slots, tfs] = store.get(t)!
    terms[t] = [...slots].flatMap((s, j) => [s, tfs[j]!])
  }
  return { ...data, terms }
}
