import { errorCode } from '../../src/errors/errorCode.js'
import { errorParams } from '../../src/errors/errorParams.js'
import type { MessageKey, Translate } from '../../src/i18n/index.js'

/** The localized message for the error a chat action rejected with (`words` from useErrorText). */
export function errorText(words: (code: string, params: Record<string, string>) => string, error: unknown): string {
  return words(errorCode(error), errorParams(error))
}

/** The first field error of a refused input (a `RejectedError`), if any. */
export const firstField = (error: unknown): { code: string } | undefined =>
  (error as { fieldErrors?: Array<{ code: string }> } | null)?.fieldErrors?.[0]

/** Catalog keys pass through; anything else falls back to the generic message. */
export function fieldText(t: Translate, code: string): string {
  const text = t(code as MessageKey)
  return text === code ? t('chat.error.send') : text
}
