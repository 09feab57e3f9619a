import { useEffect, useRef, useState } from 'preact/hooks'
import type { HiddenNotice as Notice } from '../../src/reports/flow.js'
import type { MessageKey } from '../../src/i18n/index.js'
import type { Ticket } from '../../src/types.js'
import { usePanel, useStore, useT } from '../ui/context.js'
import { HiddenNotice } from './HiddenNotice.js'

export type ShownResult =
  | { status: 'sent'; jobId: string; ticket: Ticket }
  | { status: 'queued'; jobId: string; reason: 'offline' | 'retrying' | 'slow' }
  | { status: 'removed'; jobId: string }
  /** A refused report sent again after another tab had sent or discarded it: nothing was queued. */
  | { status: 'gone'; jobId: string }
  /** Refused by the backend after it had been saved: the user reviews it from here. */
  | { status: 'attention'; jobId: string }

/**
 * After submitting: the reference number and the expected reply time, or "saved on this
 * device" (which turns into the reference number if the report goes out while it is shown).
 */
export function Result(props: {
  result: ShownResult
  notices: readonly Notice[]
  labelOf(field: string): MessageKey | undefined
}) {
  const { client, idPrefix } = usePanel()
  const t = useT()
  const [result, setResult] = useState(props.result)
  // "Saved on this device" only when durable storage took it (not after a fallback to memory).
  const durable = useStore((s) => s.system.storagePersistent)
  const heading = useRef<HTMLHeadingElement>(null)
  const online = useStore((s) => s.system.online)

  useEffect(() => heading.current?.focus(), [result.status])
  // Each outcome's title names the section and takes the focus when the outcome changes.
  const title = (key: MessageKey) => (
    <h3 ref={heading} tabIndex={-1} data-autofocus id={`${idPrefix}-result`}>
      {t(key)}
    </h3>
  )
  useEffect(() => {
    if (result.status !== 'queued') return
    return client.reports.watch(result.jobId, (o) => {
      if (o.status === 'sent') setResult({ status: 'sent', jobId: result.jobId, ticket: o.ticket })
      if (o.status === 'removed') setResult({ status: 'removed', jobId: result.jobId })
      if (o.status === 'rejected') setResult({ status: 'attention', jobId: result.jobId })
      if (o.status === 'gone') setResult({ status: 'gone', jobId: result.jobId })
    })
  }, [client, result])

  let body
  if (result.status === 'sent') {
    const hours = result.ticket.expectedResponseHours
    body = (
      <>
        {title('reportUi.result.sent.title')}
        <p class="rf-ref" data-reference>
          {t('reportUi.result.sent.reference', { reference: result.ticket.reference })}
        </p>
        {hours !== undefined && (
          <p>{hours <= 1 ? t('reportUi.result.sent.etaOne') : t('reportUi.result.sent.eta', { hours })}</p>
        )}
      </>
    )
  } else if (result.status === 'queued' && !durable) {
    body = (
      <>
        {title('reportUi.result.unsaved.title')}
        <p data-volatile>{t('reportUi.result.unsaved.body')}</p>
      </>
    )
  } else if (result.status === 'queued') {
    body = (
      <>
        {title('reportUi.result.queued.title')}
        <p data-queued={queuedWhy(result.reason, online)}>
          {t(`reportUi.result.queued.${queuedWhy(result.reason, online)}`)}
        </p>
        <p>{t('reportUi.result.queued.where')}</p>
      </>
    )
  } else if (result.status === 'attention') {
    body = (
      <>
        {title('requestsUi.pending.attention')}
        <p>{t('reportUi.edit.notice')}</p>
        <button type="button" class="primary" onClick={() => client.navigate('report', { jobId: result.jobId })}>
          {t('requestsUi.pending.review')}
        </button>
      </>
    )
  } else {
    body = title(result.status === 'gone' ? 'reportUi.result.gone' : 'reportUi.result.removed')
  }

  return (
    <section class="rf" data-result={result.status} aria-labelledby={`${idPrefix}-result`}>
      <div role="status" class="rf">
        {body}
      </div>
      <HiddenNotice notices={props.notices} labelOf={props.labelOf} />
      <div class="rf-actions">
        <button type="button" class="primary" onClick={() => client.navigate('requests')}>
          {t('reportUi.result.viewRequests')}
        </button>
        <button type="button" class="secondary" onClick={() => client.close()}>
          {t('reportUi.result.done')}
        </button>
      </div>
    </section>
  )
}

/**
 * Why the report waits, in the user's terms: a failed attempt with the network up means the
 * service is not answering ("retrying"), not that the user is offline; and with the network
 * gone, that is the reason whatever the last attempt said.
 */
function queuedWhy(reason: 'offline' | 'retrying' | 'slow', online: boolean): 'offline' | 'retrying' | 'slow' {
  if (!online) return 'offline'
  return reason === 'offline' ? 'retrying' : reason
}
