/**
 * mailto: drafts (RFC 6068). The body carries what the support team needs to find the case —
 * reference number, problem type, app and SDK version, language — and nothing personal: no
 * transaction amounts or card digits, since mail is neither masked nor encrypted on our side.
 */
import type { Translate } from '../i18n/translate.js'
import type { ReportCategory } from '../types.js'
import { isEmailAddress } from './urls.js'
import { SDK_VERSION } from '../version.js'

export interface EmailDraft {
  subject: string
  body: string
}

/**
 * Percent-encode a header value: UTF-8, spaces as %20 (a `+` is a literal plus in mailto), and
 * every line break as %0D%0A, which RFC 6068 requires in bodies.
 */
export function encodeMailtoValue(value: string): string {
  return encodeURIComponent(value.replace(/\r\n|\r|\n/g, '\r\n'))
}

/**
 * The mailto: URL for an address and draft; throws on an address that is not a plain e-mail
 * address (callers validate options first, so this guards against misuse, not user input).
 * @example buildMailto('help@example.com', { subject: 'Hi & bye', body: 'a\nb' })
 * // 'mailto:help@example.com?subject=Hi%20%26%20bye&body=a%0D%0Ab'
 */
export function buildMailto(address: string, draft: EmailDraft): string {
  if (!isEmailAddress(address)) throw new TypeError(`not a plain e-mail address: ${address}`)
  return `mailto:${address}?subject=${encodeMailtoValue(draft.subject)}&body=${encodeMailtoValue(draft.body)}`
}

/** Inputs of the draft; `problemLabel` is the localized name of `problem`. */
export interface DraftInput {
  t: Translate
  locale: string
  reference?: string | undefined
  problemLabel?: string | undefined
  appVersion?: string | undefined
  sdkVersion?: string
}

/** Subject and body in the user's language, with the details block at the end. */
export function emailDraft(input: DraftInput): EmailDraft {
  const { t, reference, problemLabel: problem } = input
  const subject =
    reference && problem
      ? t('contact.mail.subjectReference', { reference, problem })
      : reference
        ? t('contact.mail.subjectReferenceOnly', { reference })
        : problem
          ? t('contact.mail.subjectProblem', { problem })
          : t('contact.mail.subject')
  const details = [
    reference && t('contact.mail.reference', { reference }),
    problem && t('contact.mail.problem', { problem }),
    input.appVersion && t('contact.mail.appVersion', { version: input.appVersion }),
    t('contact.mail.sdkVersion', { version: input.sdkVersion ?? SDK_VERSION }),
    t('contact.mail.locale', { locale: input.locale }),
  ].filter((line): line is string => Boolean(line))
  const body = [
    t('contact.mail.intro'),
    '',
    '',
    '',
    '---',
    t('contact.mail.details'),
    ...details,
    '',
    t('contact.mail.warning'),
  ].join('\n')
  return { subject, body }
}

/** Labels of problem types come from the report catalog: `report.category.<id>.label`. */
export function problemLabelKey(problem: ReportCategory): `report.category.${ReportCategory}.label` {
  return `report.category.${problem}.label`
}
