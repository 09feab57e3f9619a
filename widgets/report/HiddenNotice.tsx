import type { HiddenNotice as Notice } from '../../src/reports/flow.js'
import type { MessageKey } from '../../src/i18n/index.js'
import { useT } from '../ui/context.js'

/**
 * "We hid a card number in “What happened?”": tells the user what masking removed and where.
 * Rendered inside a live region the caller keeps in the DOM, so it is announced when it appears.
 */
export function HiddenNotice({
  notices,
  labelOf,
}: {
  notices: readonly Notice[]
  labelOf: (field: string) => MessageKey | undefined
}) {
  const t = useT()
  if (notices.length === 0) return null
  return (
    <div class="rf-notice" data-hidden-notice>
      <b>{t('privacy.hidden.title')}</b>
      <ul>
        {notices.map((n) => {
          const label = n.field === 'screenshots' ? undefined : n.field ? labelOf(n.field) : undefined
          const where =
            n.field === 'screenshots'
              ? t('reportUi.hidden.screenshots')
              : label
                ? t('reportUi.hidden.where', { field: t(label) })
                : ''
          return (
            <li key={`${n.field}|${n.kind}`} data-kind={n.kind}>
              {where ? `${where} ` : ''}
              {t(n.messageKey)}
            </li>
          )
        })}
      </ul>
    </div>
  )
}
