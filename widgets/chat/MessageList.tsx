import { Component } from 'preact'
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks'
import type { ChatItem } from '../../src/chat/index.js'
import type { Translate } from '../../src/i18n/index.js'
import { MessageRow, type RowProps } from './MessageRow.js'
import { buildOffsets, rowAt, visibleRange } from './virtual.js'

/** Height used for rows not measured yet; corrected once the row has been on screen. */
const ESTIMATE = 72
const OVERSCAN = 6
/** No layout (tests, hidden panel): assume a phone-sized viewport. */
const FALLBACK_VIEWPORT = 640
/** Within this distance of the bottom, new messages keep the list scrolled to the end. */
const STICK_PX = 48

const maxViewport = () => (typeof innerHeight === 'number' && innerHeight > 0 ? innerHeight : FALLBACK_VIEWPORT)

export interface MessageListProps {
  items: readonly ChatItem[]
  agentReadSeq: number
  online: boolean
  locale: string
  t: Translate
  onRetry(id: string): void
}

/**
 * A row that renders again only when one of its props changed: measuring and scrolling render
 * the list often, and most rows stay as they were. It reports its own size changes (an image
 * loaded, a font arrived, the text rewrapped) to the list's ResizeObserver.
 */
class Row extends Component<RowProps & { observer: ResizeObserver | undefined }> {
  override shouldComponentUpdate(next: RowProps & { observer: ResizeObserver | undefined }): boolean {
    const prev = this.props as unknown as Record<string, unknown>
    for (const key in next) if ((next as unknown as Record<string, unknown>)[key] !== prev[key]) return true
    return false
  }
  override componentDidMount(): void {
    if (this.base instanceof Element) this.props.observer?.observe(this.base)
  }
  override componentWillUnmount(): void {
    if (this.base instanceof Element) this.props.observer?.unobserve(this.base)
  }
  render({ observer: _, ...row }: RowProps & { observer: ResizeObserver | undefined }) {
    return <MessageRow {...row} />
  }
}

/**
 * The conversation, virtualized: only the rows in view (plus overscan) are in the DOM, so the
 * node count does not grow with the conversation. Spacers stand in for the rest. Rows are
 * measured after render; when a row above the viewport turns out taller or shorter than
 * estimated, the scroll position is corrected so what the user reads does not jump.
 *
 * Opening a long conversation settles in two renders: the first with estimated heights and
 * an assumed viewport, the second with the rows and the viewport measured.
 */
export function MessageList({ items, agentReadSeq, online, locale, t, onRetry }: MessageListProps) {
  const scroller = useRef<HTMLDivElement>(null)
  const heights = useRef(new Map<string, number>())
  const stick = useRef(true)
  const [version, setVersion] = useState(0)
  const [view, setView] = useState({ top: 0, height: 0 })
  // The size the list last laid out at, so the observer reacts to changes only.
  const size = useRef({ width: 0, height: 0 })
  const retry = useRef(onRetry)
  retry.current = onRetry
  const [stableRetry] = useState(() => (id: string) => retry.current(id))

  const [observer] = useState(() =>
    typeof ResizeObserver === 'undefined'
      ? undefined
      : new ResizeObserver((entries) => {
          const el = scroller.current
          if (!el) return
          let remeasure = false
          for (const entry of entries) {
            if (entry.target === el) {
              const { clientWidth: width, clientHeight: height } = el
              // Text rewraps at a new width: rows on screen are measured again; the others keep
              // their old heights until shown, so what the user reads does not move.
              if (width !== size.current.width && size.current.width) remeasure = true
              if (height !== size.current.height) setView({ top: el.scrollTop, height })
              size.current = { width, height }
            } else {
              const row = entry.target as HTMLElement
              const h = row.offsetHeight
              if (h && h !== heights.current.get(row.dataset['id']!)) remeasure = true
            }
          }
          if (remeasure) setVersion((v) => v + 1)
        }),
  )

  const offsets = useMemo(
    () => buildOffsets(items.length, (i) => heights.current.get(items[i]!.id) ?? ESTIMATE),
    // `version` changes when measured heights change.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [items, version],
  )
  const total = offsets[items.length] ?? 0
  // Never more than the window: a scroller laid out without its styles (or squeezed by host
  // CSS) reports its whole content, and all rows would render.
  const viewport = Math.min(view.height || FALLBACK_VIEWPORT, maxViewport())
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
    // The first layout tells the real viewport; take it in the same re-render as the heights.
    const { clientWidth: width, clientHeight: height } = el
    if (height && height !== view.height) setView({ top: el.scrollTop, height })
    if (width && height) size.current = { width, height }
    if (changed) setVersion((v) => v + 1)
    // Rows change height when their content, the window or the measured heights (`version`,
    // bumped by the observer on a new width) change; anything else leaves them as they are.
  }, [items, start, end, anchor, version, view.height, readId, online, locale, t])

  useEffect(() => {
    const el = scroller.current
    if (!el || !observer) return
    observer.observe(el)
    return () => observer.disconnect()
  }, [observer])

  const onScroll = () => {
    const el = scroller.current
    if (!el) return
    stick.current = el.scrollHeight - el.scrollTop - el.clientHeight <= STICK_PX
    setView({ top: el.scrollTop, height: el.clientHeight })
  }

  return (
    <div ref={scroller} class="log" tabIndex={0} role="list" aria-label={t('chat.list.label')} onScroll={onScroll}>
      <div>
        <div aria-hidden="true" style={{ height: `${offsets[start] ?? 0}px` }} />
        {items.slice(start, end).map((item, i) => (
          <Row
            key={item.id}
            item={item}
            index={start + i}
            total={items.length}
            read={item.id === readId}
            online={online}
            locale={locale}
            t={t}
            onRetry={stableRetry}
            observer={observer}
          />
        ))}
        <div aria-hidden="true" style={{ height: `${total - (offsets[end] ?? total)}px` }} />
      </div>
    </div>
  )
}
