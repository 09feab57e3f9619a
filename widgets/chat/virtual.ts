/**
 * Windowing arithmetic for the message list, kept apart from the component so it can be
 * tested without a layout engine. Offsets are prefix sums of row heights (measured when the
 * row has been on screen, estimated otherwise).
 */

/** `offsets[i]` is the top of row i; `offsets[count]` the total height. */
export function buildOffsets(count: number, heightAt: (index: number) => number): Float64Array {
  const offsets = new Float64Array(count + 1)
  for (let i = 0; i < count; i++) offsets[i + 1] = offsets[i]! + heightAt(i)
  return offsets
}

/** The row under vertical position `y` (clamped to the list). */
export function rowAt(offsets: Float64Array, y: number): number {
  const count = offsets.length - 1
  if (count <= 0) return 0
  let lo = 0
  let hi = count - 1
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1
    if (offsets[mid]! <= y) lo = mid
    else hi = mid - 1
  }
  return lo
}

/** Rows to render, `[start, end)`: the visible ones plus `overscan` on each side. */
export function visibleRange(offsets: Float64Array, top: number, viewport: number, overscan: number): [number, number] {
  const count = offsets.length - 1
  if (count <= 0) return [0, 0]
  const first = rowAt(offsets, Math.max(0, top))
  const last = rowAt(offsets, Math.max(0, top + viewport - 1))
  return [Math.max(0, first - overscan), Math.min(count, last + 1 + overscan)]
}
