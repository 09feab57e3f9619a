/**
 * Edit distance counting two swapped neighbours as one edit (optimal string alignment: the
 * commonest slip on a phone keyboard, `refnud` for `refund`), capped: past `max` it returns a value
 * over `max` (`max + 1` as soon as the distance must exceed it). Strings compare by UTF-16 unit; pass `Array.from(s)` to
 * compare by code point. The help search's typo lookup and the checker's look-alike numbers and
 * domains both use it.
 */
export function editDistance(a: ArrayLike<string>, b: ArrayLike<string>, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1
  let before: number[] = []
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i)
  for (let i = 1; i <= a.length; i++) {
    const row = [i]
    let low = i
    for (let j = 1; j <= b.length; j++) {
      let v = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1))
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, before[j - 2]! + 1)
      row.push(v)
      if (v < low) low = v
    }
    if (low > max) return max + 1
    before = prev
    prev = row
  }
  return prev[b.length]!
}
