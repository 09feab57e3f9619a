import { useEffect, useState } from 'preact/hooks'
import { recentTransactions } from '../../src/reports/flow.js'
import type { MessageKey } from '../../src/i18n/index.js'
import { formatPaymentMethod } from '../../src/reports/index.js'
import type { Locale, TransactionRef } from '../../src/types.js'
import { usePanel, useStore, useT } from '../ui/context.js'

/** A transaction time in the user's locale; the raw string when it does not parse. */
export function formatTime(iso: string, locale: Locale): string {
  const at = Date.parse(iso)
  if (Number.isNaN(at)) return iso
  try {
    return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(at)
  } catch {
    return new Date(at).toISOString()
  }
}

function TxLines({ tx }: { tx: TransactionRef }) {
  const t = useT()
  const locale = useStore((s) => s.system.locale)
  return (
    <>
      <b>{tx.counterparty ? `${tx.counterparty} · ` : ''}{tx.amount} {tx.currency}</b>
      <span>
        {formatTime(tx.time, locale)}
        {tx.status ? ` · ${t(`reportUi.tx.status.${tx.status}` as MessageKey)}` : ''}
        {tx.method ? ` · ${formatPaymentMethod(tx.method)}` : ''}
      </span>
      <span>{t('report.field.transactionId.label')}: {tx.id}</span>
    </>
  )
}

/** The host's recent transactions as buttons; picking one prefills the form. */
function RecentList({ onPick, current }: { onPick(tx: TransactionRef): void; current: TransactionRef | undefined }) {
  const { client } = usePanel()
  const t = useT()
  const [list, setList] = useState<TransactionRef[] | undefined>()
  useEffect(() => {
    let live = true
    void recentTransactions(client).then((l) => live && setList(l))
    return () => {
      live = false
    }
  }, [client])
  if (!list) return <p class="rf-help" role="status">{t('reportUi.tx.loading')}</p>
  if (list.length === 0) return <p class="rf-help">{t('reportUi.tx.none')}</p>
  return (
    <ul class="rf-list" data-recent-transactions>
      {list.map((tx) => (
        <li key={tx.id}>
          <button type="button" class="rf-item" data-tx={tx.id} aria-pressed={current?.id === tx.id ? 'true' : 'false'} onClick={() => onPick(tx)}>
            <TxLines tx={tx} />
          </button>
        </li>
      ))}
    </ul>
  )
}

/**
 * The transaction the report is about: a summary card with "choose another", or the picker
 * when there is none yet (only when the host provides `getRecentTransactions`).
 */
export function TransactionSection({ tx, onPick }: { tx: TransactionRef | undefined; onPick(tx: TransactionRef): void }) {
  const { client } = usePanel()
  const t = useT()
  const [picking, setPicking] = useState(false)
  const canPick = typeof client.options.getRecentTransactions === 'function'
  if (!tx && !canPick) return null
  return (
    <section class="rf-field" aria-label={t('reportUi.tx.title')}>
      <b>{t('reportUi.tx.title')}</b>
      {tx && (
        <div class="rf-card rf-item" data-current-tx={tx.id}>
          <TxLines tx={tx} />
        </div>
      )}
      {canPick && (tx && !picking ? (
        <button type="button" class="rf-link" aria-expanded="false" onClick={() => setPicking(true)}>{t('reportUi.tx.change')}</button>
      ) : (
        <>
          {!tx && <span class="rf-help">{t('reportUi.tx.pick')}</span>}
          <RecentList current={tx} onPick={(next) => {
            setPicking(false)
            onPick(next)
          }} />
          {tx && <button type="button" class="rf-link" onClick={() => setPicking(false)}>{t('reportUi.tx.cancel')}</button>}
        </>
      ))}
    </section>
  )
}
