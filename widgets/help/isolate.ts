/** Bidi embeddings, overrides and isolates a user could type to reorder the text around them. */
const CONTROLS = /[\u202a-\u202e\u2066-\u2069]/g

/**
 * User text set inside a translated sentence ("No articles match “…”"), isolated from it
 * (FSI … PDI) with its own direction controls dropped: a query with a right-to-left override
 * (U+202E) turned the rest of the sentence around, and an Arabic or Hebrew query reordered
 * the quotes and the full stop.
 */
export const isolate = (text: string): string => `\u2068${text.replace(CONTROLS, '')}\u2069`
