/**
 * When suggestions start, apart from the component: the report form and the leave-a-message
 * form read it to load the suggestions (and the help search under them) only once the text is
 * long enough, so neither carries that code up front (see widgets/panel/suggestions.tsx).
 */

/** Shorter descriptions say too little to suggest anything useful. */
export const SUGGEST_MIN_CHARS = 6
/** Quiet time after the last keystroke in the description before suggesting. */
export const SUGGEST_DEBOUNCE_MS = 300

/** Whether `text` is long enough to suggest articles for (characters, not UTF-16 units). */
export const longEnoughToSuggest = (text: string): boolean => [...text.trim()].length >= SUGGEST_MIN_CHARS
