import type { ComponentChildren } from 'preact'

/**
 * Text with `[start, end)` ranges wrapped in `<mark>`. Built from offsets as text nodes, so a
 * snippet can never inject markup.
 */
export function Highlighted({ text, ranges }: { text: string; ranges: ReadonlyArray<readonly [number, number]> }) {
  const parts: ComponentChildren[] = []
  let at = 0
  for (const [from, to] of [...ranges].sort((a, b) => a[0] - b[0])) {
    const start = Math.max(at, Math.min(from, text.length))
    const end = Math.min(text.length, to)
    if (end <= start) continue
    if (start > at) parts.push(text.slice(at, start))
    parts.push(<mark key={start}>{text.slice(start, end)}</mark>)
    at = end
  }
  if (at < text.length) parts.push(text.slice(at))
  return <>{parts}</>
}
