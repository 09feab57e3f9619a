import { useEffect, useRef, useState } from 'preact/hooks'
import { recentTransactions } from '../../src/reports/flow.js'
import type { MessageKey } from '../../src/i18n/index.js'
import { formatPaymentMethod } from '../../src/reports/index.js'
import type { Locale, TransactionRef } from '../../src/types.js'
import { usePanel, useT, useView } from '../ui/context.js'

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
  const { t, locale } = useView()
  return (
    <>
      <b>
        {tx.counterparty ? `${tx.counterparty} · ` : ''}
        {tx.amount} {tx.currency}
      </b>
      <span>
        {formatTime(tx.time, locale)}
        {tx.status ? ` · ${t(`reportUi.tx.status.${tx.status}` as MessageKey)}` : ''}
        {tx.method ? ` · ${formatPaymentMethod(tx.method)}` : ''}
      </span>
      <span>
        {t('report.field.transactionId.label')}: {tx.id}
      </span>
    </>
  )
}

/** How many recent transactions show before "Show more": the form stays in view. */
const FIRST = 3

/** The host's recent transactions as compact rows; picking one prefills the form. */
function RecentList({
  onPick,
  current,
  locked,
}: {
  onPick(tx: TransactionRef): void
  current: TransactionRef | undefined
  locked: boolean | undefined
}) {
  const { client, t, locale } = useView()
  const [list, setList] = useState<TransactionRef[] | undefined>()
  const [all, setAll] = useState(false)
  useEffect(() => {
    let live = true
    void recentTransactions(client).then((l) => live && setList(l))
    return () => {
      live = false
    }
  }, [client])
  if (!list)
    return (
      <p class="rf-help" role="status">
        {t('reportUi.tx.loading')}
      </p>
    )
  if (list.length === 0) return <p class="rf-help">{t('reportUi.tx.none')}</p>
  const shown = all ? list : list.slice(0, FIRST)
  return (
    <>
      <ul class="rf-list rf-txs" data-recent-transactions>
        {shown.map((tx) => (
          <li key={tx.id}>
            <button
              type="button"
              class="rf-tx"
              data-tx={tx.id}
              aria-pressed={current?.id === tx.id ? 'true' : 'false'}
              disabled={locked}
              onClick={() => onPick(tx)}
            >
              <span class="rf-tx-main">
                <b>{tx.counterparty ?? tx.id}</b>
                <b>
                  {tx.amount} {tx.currency}
                </b>
              </span>
              <span class="rf-meta">
                {formatTime(tx.time, locale)}
                {tx.status ? ` · ${t(`reportUi.tx.status.${tx.status}` as MessageKey)}` : ''}
              </span>
            </button>
          </li>
        ))}
      </ul>
      {!all && list.length > FIRST && (
        <button type="button" class="rf-link" data-tx-more onClick={() => setAll(true)}>
          {t('reportUi.tx.more', { count: list.length - FIRST })}
        </button>
      )}
    </>
  )
}

/**
 * The transaction the report is about: one summary card (with "edit details" when the form
 * holds fields it filled, and "choose another"), or a compact picker while there is none yet
 * (only when the host provides `getRecentTransactions`). The picker collapses after a pick and
 * focus lands on the card.
 */
export function TransactionSection({
  tx,
  onPick,
  edit,
  locked,
}: {
  tx: TransactionRef | undefined
  onPick(tx: TransactionRef): void
  /** The report is being sent: no other transaction can be picked until it is answered. */
  locked?: boolean
  /** The form's "edit details" toggle for the fields the transaction filled in. */
  edit?: { open: boolean; toggle(): void; controls: string }
}) {
  const { client } = usePanel()
  const t = useT()
  const [picking, setPicking] = useState(false)
  const card = useRef<HTMLDivElement>(null)
  const picked = useRef(false)
  const canPick = typeof client.options.getRecentTransactions === 'function'
  const txId = tx?.id
  useEffect(() => {
    if (picked.current && txId) card.current?.focus()
    picked.current = false
  }, [txId, picking])
  if (!tx && !canPick) return null
  return (
    <section
      class="rf-field"
      aria-label={t('reportUi.tx.title')}
      data-tx-section={tx && !picking ? 'picked' : 'picking'}
    >
      <b>{t('reportUi.tx.title')}</b>
      {tx && (
        <div ref={card} tabIndex={-1} class="rf-card rf-item" data-current-tx={tx.id} data-focus-target="">
          <TxLines tx={tx} />
        </div>
      )}
      {tx && !picking && (edit || canPick) && (
        <div class="rf-row">
          {edit && (
            <button
              type="button"
              class="rf-link"
              aria-expanded={edit.open ? 'true' : 'false'}
              aria-controls={edit.controls}
              data-tx-edit
              onClick={edit.toggle}
            >
              {t(edit.open ? 'reportUi.tx.editDone' : 'reportUi.tx.edit')}
            </button>
          )}
          {canPick && (
            <button
              type="button"
              class="rf-link"
              aria-expanded="false"
              disabled={locked}
              onClick={() => setPicking(true)}
            >
              {t('reportUi.tx.change')}
            </button>
          )}
        </div>
      )}
      {canPick && (!tx || picking) && (
        <>
          {!tx && <span class="rf-help">{t('reportUi.tx.pick')}</span>}
          <RecentList
            current={tx}
            locked={locked}
            onPick={(next) => {
              picked.current = true
              setPicking(false)
              onPick(next)
            }}
          />
          {tx && (
            <button type="button" class="rf-link" onClick={() => setPicking(false)}>
              {t('reportUi.tx.cancel')}
            </button>
          )}
        </>
      )}
    </section>
  )
}
