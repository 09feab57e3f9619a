import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks'
import type { ChatItem } from '../../src/chat/index.js'
import type { Translate } from '../../src/i18n/index.js'
import { MessageRow } from './MessageRow.js'
import { buildOffsets, rowAt, visibleRange } from './virtual.js'

/** Height used for rows not measured yet; corrected once the row has been on screen. */
const ESTIMATE = 72
const OVERSCAN = 6
/** No layout (tests, hidden panel): assume a phone-sized viewport. */
const FALLBACK_VIEWPORT = 640
/** Within this distance of the bottom, new messages keep the list scrolled to the end. */
const STICK_PX = 48

export interface MessageListProps {
  items: readonly ChatItem[]
  agentReadSeq: number
  online: boolean
  locale: string
  t: Translate
  onRetry(id: string): void
}

/**
 * The conversation, virtualized: only the rows in view (plus overscan) are in the DOM, so the
 * node count does not grow with the conversation. Spacers stand in for the rest. Rows are
 * measured after render; when a row above the viewport turns out taller or shorter than
 * estimated, the scroll position is corrected so what the user reads does not jump.
 */
export function MessageList({ items, agentReadSeq, online, locale, t, onRetry }: MessageListProps) {
  const scroller = useRef<HTMLDivElement>(null)
  const inner = useRef<HTMLDivElement>(null)
  const heights = useRef(new Map<string, number>())
  const stick = useRef(true)
  const [version, setVersion] = useState(0)
  const [view, setView] = useState({ top: 0, height: 0 })

  const offsets = useMemo(
    () => buildOffsets(items.length, (i) => heights.current.get(items[i]!.id) ?? ESTIMATE),
    // `version` changes when measured heights change.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [items, version],
  )
  const total = offsets[items.length] ?? 0
  const viewport = view.height || FALLBACK_VIEWPORT
  const top = stick.current ? Math.max(0, total - viewport) : view.top
  const [start, end] = visibleRange(offsets, top, viewport, OVERSCAN)
  const anchor = rowAt(offsets, top)

  // "Read" goes under the last user message the agent has read, not under every one.
  let readId: string | undefined
  for (let i = items.length - 1; i >= 0 && agentReadSeq > 0; i--) {
    const m = items[i]!
    if (m.author === 'user' && m.localId === undefined && m.seq <= agentReadSeq) {
      readId = m.id
      break
    }
  }

  useLayoutEffect(() => {
    const el = scroller.current
    if (!el) return
    let delta = 0
    let changed = false
    for (const row of el.querySelectorAll<HTMLElement>('[data-row]')) {
      const h = row.offsetHeight
      if (!h) continue
      const id = row.dataset['id']!
      const prev = heights.current.get(id) ?? ESTIMATE
      if (prev === h) continue
      heights.current.set(id, h)
      changed = true
      if (Number(row.dataset['index']) < anchor) delta += h - prev
    }
    if (stick.current) el.scrollTop = el.scrollHeight
    else if (delta) el.scrollTop += delta
    if (changed) setVersion((v) => v + 1)
  })

  useEffect(() => {
    const el = scroller.current
    if (!el || typeof ResizeObserver === 'undefined') return
    // Fonts, a rotated phone or the keyboard change heights after render: measure again.
    const ro = new ResizeObserver(() => {
      setView((v) => (v.height === el.clientHeight ? v : { top: el.scrollTop, height: el.clientHeight }))
      setVersion((v) => v + 1)
    })
    ro.observe(el)
    if (inner.current) ro.observe(inner.current)
    return () => ro.disconnect()
  }, [])

  const onScroll = () => {
    const el = scroller.current
    if (!el) return
    stick.current = el.scrollHeight - el.scrollTop - el.clientHeight <= STICK_PX
    setView({ top: el.scrollTop, height: el.clientHeight })
  }

  return (
    <div ref={scroller} class="log" tabIndex={0} role="list" aria-label={t('chat.list.label')} onScroll={onScroll}>
      <div ref={inner}>
        <div aria-hidden="true" style={{ height: `${offsets[start] ?? 0}px` }} />
        {items.slice(start, end).map((item, i) => (
          <MessageRow
            key={item.id}
            item={item}
            index={start + i}
            total={items.length}
            read={item.id === readId}
            online={online}
            locale={locale}
            t={t}
            onRetry={onRetry}
          />
        ))}
        <div aria-hidden="true" style={{ height: `${total - (offsets[end] ?? total)}px` }} />
      </div>
    </div>
  )
}
