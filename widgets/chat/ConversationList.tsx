import { useEffect, useState } from 'preact/hooks'
import { listConversations, type ConversationSummary } from '../../src/chat/index.js'
import type { MessageKey } from '../../src/i18n/index.js'
import { formatTime } from '../report/Transaction.js'
import { useView } from '../ui/context.js'
import { LoadingList } from '../ui/LoadingList.js'

/**
 * The user's chats, ongoing first, then past (kept on this device or listed by the backend),
 * for My requests. An ongoing one opens the live chat; a past one opens to be read.
 */
export function ConversationList({ headingId, onRows }: { headingId: string; onRows?: (count: number) => void }) {
  const { client, t, locale } = useView()
  const [rows, setRows] = useState<ConversationSummary[] | undefined>(undefined)
  useEffect(() => {
    const abort = new AbortController()
    listConversations(client, abort.signal).then(
      (r) => !abort.signal.aborted && setRows(r),
      () => !abort.signal.aborted && setRows([]),
    )
    return () => abort.abort()
  }, [client])
  useEffect(() => {
    if (rows) onRows?.(rows.length)
  }, [rows, onRows])
  return (
    <section aria-labelledby={headingId} class="rf" data-conversations="">
      <h3 id={headingId}>{t('chat.history.title')}</h3>
      <LoadingList
        items={rows}
        loading={t('chat.history.loading')}
        empty={t('chat.history.empty')}
        noteClass="rf-help"
        listClass="rf-list"
      >
        {({ conversation: c, unread }) => {
          const ended = c.status === 'ended'
          return (
            <li key={c.id}>
              <button
                type="button"
                class="rf-item"
                data-conversation={c.id}
                data-status={c.status}
                onClick={() => client.navigate('chat', ended ? { conversationId: c.id } : {})}
              >
                <span class="rf-row">
                  <b>{t('chat.history.item', { reference: c.reference })}</b>
                  <span class="chip" data-tone={ended ? undefined : 'active'}>
                    {t(`chat.history.status.${c.status}` as MessageKey)}
                  </span>
                </span>
                <span>
                  {t('chat.history.started', { time: formatTime(c.createdAt, locale) })}
                  {unread > 0 ? ` · ${t('chat.history.unread', { count: unread })}` : ''}
                </span>
              </button>
            </li>
          )
        }}
      </LoadingList>
    </section>
  )
}
