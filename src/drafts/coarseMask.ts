const DIGIT_RUN = /[0-9０-９](?:[\s.\-－–—_/]?[0-9０-９]){3,}/g

/**
 * The mask for a draft copy written before the privacy scanner has loaded (a page hidden within
 * moments of the first keystroke): every run of four or more digits, with the separators people
 * type between them, becomes dots. Coarse — amounts and dates go too — but no card, ID, phone
 * number or code is stored in the clear, and the words the user wrote are kept.
 */
export function coarseMask(value: unknown): unknown {
  if (typeof value === 'string') return value.replace(DIGIT_RUN, (run) => run.replace(/[0-9０-９]/g, '•'))
  if (Array.isArray(value)) return value.map(coarseMask)
  if (value && typeof value === 'object' && !(typeof Blob !== 'undefined' && value instanceof Blob)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, coarseMask(v)]))
  }
  return value
}
