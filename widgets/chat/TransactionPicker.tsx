import { useEffect, useRef, useState } from 'preact/hooks'
import type { Translate } from '../../src/i18n/index.js'
import type { TransactionRef } from '../../src/types.js'
import { LoadingList } from '../ui/LoadingList.js'

export interface PickerProps {
  load: () => Promise<TransactionRef[]> | TransactionRef[]
  locale: string
  t: Translate
  onPick(tx: TransactionRef): void
  onClose(): void
}

/** Recent transactions from the host app (`getRecentTransactions`), one button each. */
export function TransactionPicker({ load, locale, t, onPick, onClose }: PickerProps) {
  const [list, setList] = useState<TransactionRef[] | undefined>(undefined)
  const box = useRef<HTMLDivElement>(null)
  useEffect(() => {
    let live = true
    Promise.resolve()
      .then(load)
      .then((txs) => live && setList(txs.slice(0, 20)))
      .catch(() => live && setList([]))
    return () => {
      live = false
    }
  }, [load])
  useEffect(() => {
    if (list?.length) box.current?.querySelector('button')?.focus()
  }, [list])

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key !== 'Escape') return
    // Escape closes the list, not the whole panel.
    e.stopPropagation()
    onClose()
  }

  return (
    <div ref={box} class="picker" role="group" aria-label={t('chat.transactions.title')} onKeyDown={onKeyDown}>
      <div class="picker-head">
        <b>{t('chat.transactions.title')}</b>
        <button type="button" class="icon-btn" aria-label={t('chat.transactions.close')} onClick={onClose}>
          <span aria-hidden="true">×</span>
        </button>
      </div>
      <LoadingList
        items={list}
        loading={t('chat.transactions.loading')}
        empty={t('chat.transactions.empty')}
        noteClass="muted"
      >
        {(tx) => (
          <li key={tx.id}>
            <button type="button" class="tx-option" onClick={() => onPick(tx)}>
              <b>
                {`${tx.amount} ${tx.currency}`}
                {tx.counterparty ? ` · ${tx.counterparty}` : ''}
              </b>
              <span>
                {new Date(tx.time).toLocaleString(locale, { dateStyle: 'medium', timeStyle: 'short' })} · {tx.id}
              </span>
            </button>
          </li>
        )}
      </LoadingList>
    </div>
  )
}
