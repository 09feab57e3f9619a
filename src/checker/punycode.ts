/**
 * Punycode decoding (RFC 3492) for `xn--` labels: the URL parser hands hostnames back in
 * ASCII form, and the look-alike check must see the letters the user saw. Browsers ship no
 * decoder (Node's url.domainToUnicode is not available in a page), so this is the small one.
 */
const BASE = 36
const TMIN = 1
const TMAX = 26
const SKEW = 38
const DAMP = 700

function adapt(delta: number, points: number, first: boolean): number {
  delta = first ? Math.floor(delta / DAMP) : delta >> 1
  delta += Math.floor(delta / points)
  let k = 0
  while (delta > ((BASE - TMIN) * TMAX) >> 1) {
    delta = Math.floor(delta / (BASE - TMIN))
    k += BASE
  }
  return k + Math.floor(((BASE - TMIN + 1) * delta) / (delta + SKEW))
}

function digit(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 22
  if (c >= 0x41 && c <= 0x5a) return c - 0x41
  if (c >= 0x61 && c <= 0x7a) return c - 0x61
  return BASE
}

/** Decodes one label's punycode part (after `xn--`); undefined when it is malformed. */
export function decodePunycode(input: string): string | undefined {
  const out: number[] = []
  const basic = input.lastIndexOf('-')
  for (let j = 0; j < Math.max(basic, 0); j++) out.push(input.charCodeAt(j))
  let n = 128
  let bias = 72
  let i = 0
  for (let index = basic > 0 ? basic + 1 : 0; index < input.length;) {
    const oldi = i
    for (let w = 1, k = BASE; ; k += BASE) {
      if (index >= input.length) return undefined
      const d = digit(input.charCodeAt(index++))
      if (d >= BASE) return undefined
      i += d * w
      const t = k <= bias ? TMIN : k >= bias + TMAX ? TMAX : k - bias
      if (d < t) break
      w *= BASE - t
      if (w > 0x7fffffff) return undefined
    }
    bias = adapt(i - oldi, out.length + 1, oldi === 0)
    n += Math.floor(i / (out.length + 1))
    i %= out.length + 1
    if (n > 0x10ffff) return undefined
    out.splice(i++, 0, n)
  }
  return String.fromCodePoint(...out)
}

/** A hostname with each `xn--` label decoded (labels that fail to decode stay as they are). */
export function hostToUnicode(host: string): string {
  return host
    .split('.')
    .map((label) => (label.startsWith('xn--') ? (decodePunycode(label.slice(4)) ?? label) : label))
    .join('.')
}
