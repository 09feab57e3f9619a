import { useEffect, useState } from 'preact/hooks'
import type { StoreApi } from 'zustand/vanilla'
import type { PendingState } from '../../src/requests/requests.js'
import type { Ticket, TicketStatus } from '../../src/types.js'
import { useT } from '../ui/context.js'

/** Reads a headless model's zustand store; re-renders on every change of that store. */
export function useModel<T>(store: StoreApi<T>): T {
  const [state, setState] = useState(() => store.getState())
  useEffect(() => {
    setState(store.getState())
    return store.subscribe((s) => setState(s))
  }, [store])
  return state
}

const STATUS_TONE: Record<TicketStatus, string> = {
  new: 'active',
  open: 'active',
  pending: 'warn',
  on_hold: 'active',
  solved: 'done',
  closed: 'done',
}

/** A ticket status in words (never colour alone). */
export function StatusChip({ status }: { status: TicketStatus }) {
  const t = useT()
  return (
    <span class="chip" data-tone={STATUS_TONE[status]} data-status={status}>
      {t(`requestsUi.status.${status}`)}
    </span>
  )
}

/** Where a write stands on this device: sending, waiting to send, or needs the user. */
export function PendingChip({ state }: { state: PendingState }) {
  const t = useT()
  return (
    <span
      class="chip"
      data-tone={state === 'attention' ? 'warn' : state === 'sending' ? 'active' : undefined}
      data-pending={state}
    >
      {t(`requestsUi.pending.${state}`)}
    </span>
  )
}

/** Urgent and high-priority requests (fraud, wrong recipient, fake support) are marked. */
export const isUrgent = (t: Pick<Ticket, 'priority'>) => t.priority === 'urgent' || t.priority === 'high'

export function UrgentChip() {
  const t = useT()
  return (
    <span class="chip" data-tone="warn" data-urgent>
      {t('requestsUi.urgent')}
    </span>
  )
}

/** "New reply": a dot and the words (never the dot alone). */
export function UnreadMark() {
  const t = useT()
  return (
    <span class="chip" data-tone="active" data-unread>
      <span class="rf-dot" aria-hidden="true" /> {t('requestsUi.unread')}
    </span>
  )
}
