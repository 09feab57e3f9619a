import type { SendResult } from '../../src/chat/index.js'
import type { MessageKey, Translate } from '../../src/i18n/index.js'

/** The localized message for a failed chat action (`words` from useErrorText). */
export function errorText(
  words: (code: string, params: Record<string, string>) => string,
  result: Extract<SendResult, { status: 'error' }>,
): string {
  const max = result.limit === undefined ? '' : `${Math.round(result.limit / (1024 * 1024))} MB`
  return words(result.code, { name: result.fileName ?? '', max })
}

/** Catalog keys pass through; anything else falls back to the generic message. */
export function fieldText(t: Translate, code: string): string {
  const text = t(code as MessageKey)
  return text === code ? t('chat.error.send') : text
}
