import { useEffect, useMemo, useRef, useState } from 'preact/hooks'
import { savedConversations } from '../../src/chat/history.js'
import { ConversationList } from '../chat/ConversationList.js'
import { getCategory } from '../../src/reports/index.js'
import type { ViewProps } from '../panel/views.js'
import { reportCss, useSheet } from '../report/styles.js'
import { formatTime } from '../report/Transaction.js'
import { useErrorText, usePanel, useStore, useT, useView } from '../ui/context.js'
import { PendingChip, StatusChip, UnreadMark, UrgentChip, isUrgent, useModel } from './parts.js'

/** Nothing yet: say where requests will appear and offer the two ways to start one. */
function Empty() {
  const { client } = usePanel()
  const t = useT()
  // Known once the list has loaded: the transport's capabilities are in the store by then.
  const chat = useStore((s) => s.system.capabilities?.chat === true)
  return (
    <div class="rf-empty" data-empty>
      <p>
        <b>{t('requestsUi.empty')}</b>
      </p>
      <p class="rf-meta">{t('requestsUi.emptyBody')}</p>
      <div class="rf-actions">
        <button type="button" class="primary" data-empty-report onClick={() => client.navigate('report')}>
          {t('requestsUi.emptyReport')}
        </button>
        {chat && (
          <button type="button" class="secondary" data-empty-chat onClick={() => client.navigate('chat')}>
            {t('requestsUi.emptyChat')}
          </button>
        )}
      </div>
    </div>
  )
}

/**
 * My requests: reports still on this device (sending / waiting / needs attention) first, then
 * the user's tickets with their status. Live: outbox events and transport `ticket` events.
 */
export function RequestsView(_: ViewProps) {
  const { client, idPrefix, t, locale } = useView()
  const words = useErrorText()
  // Only durable storage may be called "on this device".
  const durable = useStore((s) => s.system.storagePersistent)
  // Undefined until the transport's code has loaded and said whether the backend has chat (a
  // transport written in JavaScript may leave `chat` out: no chat, as on Home).
  const chat = useStore((s) => s.system.capabilities && s.system.capabilities.chat === true)
  // How many conversations are kept on this device (read without the transport).
  const [saved, setSaved] = useState<number>()
  useEffect(() => {
    let live = true
    savedConversations(client).then(
      (m) => live && setSaved(m.size),
      () => live && setSaved(0),
    )
    return () => {
      live = false
    }
  }, [client])
  // The conversations section shows on what is known, never a heading on a guess that goes again:
  // when the backend has chat, or at once when the device keeps conversations (whatever the backend).
  const conversations = chat === true || (saved ?? 0) > 0
  // How many conversations the list below holds (undefined while it loads): chats count as requests too.
  const [chats, setChats] = useState<number>()
  const root = useRef<HTMLDivElement>(null)
  useSheet('report', reportCss, root)
  const list = useMemo(() => client.requests.list(), [client])
  useEffect(() => () => list.dispose(), [list])
  const s = useModel(list.store)
  // What the user has already looked at: the rest carries a "new reply" mark.
  const [seen, setSeen] = useState<Record<string, string>>()
  useEffect(() => {
    let live = true
    void client.requests.readSeen().then((v) => live && setSeen(v))
    return () => {
      live = false
    }
  }, [client])

  const pendingId = `${idPrefix}-rq-pending`
  const ticketsId = `${idPrefix}-rq-tickets`
  return (
    <div ref={root} class="rf" data-view="requests" aria-busy={s.status === 'loading' ? 'true' : undefined}>
      {s.pending.length > 0 && (
        <section aria-labelledby={pendingId} class="rf">
          <h3 id={pendingId}>{t(durable ? 'requestsUi.onDevice' : 'requestsUi.notKept')}</h3>
          <ul class="rf-list">
            {s.pending.map((p) => {
              const label = getCategory(p.category)?.labelKey
              return (
                <li key={p.jobId} class="rf-card" data-job={p.jobId}>
                  <div class="rf-row">
                    <b>{p.subject}</b>
                    <PendingChip state={p.state} />
                  </div>
                  {label && <p class="rf-meta">{t(label)}</p>}
                  {p.state === 'attention' && (
                    <>
                      {p.error?.message && (
                        <p class="rf-err">
                          {t('requestsUi.failed', { message: p.error.fields?.[0]?.message ?? p.error.message })}
                        </p>
                      )}
                      <div class="rf-actions">
                        <button
                          type="button"
                          class="primary"
                          onClick={() => client.navigate('report', { jobId: p.jobId })}
                        >
                          {t('requestsUi.pending.review')}
                        </button>
                        <button type="button" class="secondary" onClick={() => void list.discard(p.jobId)}>
                          {t('requestsUi.pending.discard')}
                        </button>
                      </div>
                    </>
                  )}
                </li>
              )
            })}
          </ul>
        </section>
      )}
      {!s.listable && <p class="rf-notice">{t('requestsUi.notListable')}</p>}
      {s.status === 'loading' && (
        <p class="status" role="status">
          {t('panel.loading')}
        </p>
      )}
      {s.status === 'error' && (
        <div class="status" role="alert">
          <p>
            {t('requestsUi.loadFailed')} {words(s.errorCode)}
          </p>
          <button type="button" class="secondary" onClick={() => void list.refresh()}>
            {t('panel.retry')}
          </button>
        </div>
      )}
      {s.status === 'ready' &&
        s.listable &&
        s.tickets.length === 0 &&
        s.pending.length === 0 &&
        (conversations ? chats === 0 : chat === false && saved === 0) && <Empty />}
      {s.tickets.length > 0 && (
        <section aria-labelledby={ticketsId} class="rf">
          <h3 id={ticketsId} class="sr-only">
            {t('view.requests')}
          </h3>
          <ul class="rf-list">
            {s.tickets.map((tk) => (
              <li key={tk.id}>
                <button
                  type="button"
                  class="rf-item"
                  data-ticket={tk.id}
                  onClick={() => client.navigate('request', { id: tk.id })}
                >
                  <span class="rf-row">
                    <b>{tk.subject}</b>
                    <StatusChip status={tk.status} />
                    {isUrgent(tk) && <UrgentChip />}
                    {seen && client.requests.isUnread(tk, seen) && <UnreadMark />}
                  </span>
                  <span>
                    {t('requestsUi.reference', { reference: tk.reference })} ·{' '}
                    {t('requestsUi.updated', { time: formatTime(tk.updatedAt, locale) })}
                  </span>
                </button>
              </li>
            ))}
          </ul>
        </section>
      )}
      {conversations && <ConversationList headingId={`${idPrefix}-rq-chats`} onRows={setChats} />}
    </div>
  )
}
