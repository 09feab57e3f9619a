/**
 * Byte-level metadata removal for JPEG, PNG and WebP: the fallback when the device cannot
 * re-encode through a canvas (old WebViews, workers without OffscreenCanvas). Pixels are left
 * as they are; what goes is everything that can carry a location, a device serial, a name or a
 * thumbnail of the uncropped photo: Exif, XMP, IPTC, comments and text chunks.
 */

/** The image format the bytes really are, whatever the file claims. */
export type ImageFormat = 'image/png' | 'image/jpeg' | 'image/webp'

const ascii = (b: Uint8Array, at: number, len: number) => String.fromCharCode(...b.subarray(at, at + len))

/** Reads the magic bytes; `undefined` for anything that is not PNG, JPEG or WebP. */
export function sniffImage(bytes: Uint8Array): ImageFormat | undefined {
  if (bytes.length >= 8 && bytes[0] === 0x89 && ascii(bytes, 1, 3) === 'PNG' && bytes[4] === 0x0d && bytes[5] === 0x0a)
    return 'image/png'
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg'
  if (bytes.length >= 12 && ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 4) === 'WEBP') return 'image/webp'
  return undefined
}

/** Thrown when the container structure is broken; the caller turns it into a `file_type` rejection. */
export class MalformedImageError extends Error {
  override readonly name = 'MalformedImageError'
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0))
  let at = 0
  for (const p of parts) {
    out.set(p, at)
    at += p.length
  }
  return out
}

/**
 * Exif orientation (1–8) from an APP1 payload, so a photo is not shown on its side after its
 * Exif block is dropped. Returns undefined when absent or unreadable.
 */
export function exifOrientation(app1: Uint8Array): number | undefined {
  if (app1.length < 14 || ascii(app1, 0, 6) !== 'Exif\0\0') return undefined
  const tiff = app1.subarray(6)
  const view = new DataView(tiff.buffer, tiff.byteOffset, tiff.byteLength)
  const order = ascii(tiff, 0, 2)
  if (order !== 'II' && order !== 'MM') return undefined
  const le = order === 'II'
  try {
    const ifd = view.getUint32(4, le)
    const count = view.getUint16(ifd, le)
    for (let i = 0; i < count; i++) {
      const entry = ifd + 2 + i * 12
      if (view.getUint16(entry, le) !== 0x0112) continue
      const value = view.getUint16(entry + 8, le)
      return value >= 1 && value <= 8 ? value : undefined
    }
  } catch {
    // RangeError: offsets point outside the block.
  }
  return undefined
}

/** A minimal big-endian Exif APP1 segment holding only the orientation tag. */
function orientationSegment(orientation: number): Uint8Array {
  const body = [
    ...[0x45, 0x78, 0x69, 0x66, 0, 0], // "Exif\0\0"
    ...[0x4d, 0x4d, 0x00, 0x2a, 0, 0, 0, 8], // "MM", 42, IFD0 at 8
    ...[0, 1], // one entry
    ...[0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, orientation, 0, 0], // Orientation, SHORT, 1, value
    ...[0, 0, 0, 0], // no next IFD
  ]
  const len = body.length + 2
  return Uint8Array.from([0xff, 0xe1, len >> 8, len & 0xff, ...body])
}

/** APP2 holding an ICC profile and APP14 "Adobe" change how colours decode, so they stay. */
function keepJpegSegment(marker: number, payload: Uint8Array): boolean {
  if (marker === 0xe0) return true // JFIF / JFXX
  if (marker === 0xe2) return ascii(payload, 0, 12) === 'ICC_PROFILE\0'
  if (marker === 0xee) return ascii(payload, 0, 5) === 'Adobe'
  if (marker >= 0xe1 && marker <= 0xef) return false // Exif, XMP, IPTC, vendor blocks
  return marker !== 0xfe // COM
}

function stripJpeg(b: Uint8Array): Uint8Array {
  const parts: Uint8Array[] = [b.subarray(0, 2)]
  let orientation: number | undefined
  let at = 2
  while (at < b.length) {
    if (b[at] !== 0xff) throw new MalformedImageError('JPEG segment expected')
    const marker = b[at + 1]
    if (marker === undefined) throw new MalformedImageError('truncated JPEG')
    if (marker === 0xff) {
      at++ // fill byte
      continue
    }
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      parts.push(b.subarray(at, at + 2))
      at += 2
      continue
    }
    if (marker === 0xd9 || marker === 0xda) {
      // Start of scan (or an image with no scan): the rest is entropy-coded data.
      parts.push(b.subarray(at))
      break
    }
    if (at + 4 > b.length) throw new MalformedImageError('truncated JPEG')
    const len = (b[at + 2]! << 8) | b[at + 3]!
    const end = at + 2 + len
    if (len < 2 || end > b.length) throw new MalformedImageError('bad JPEG segment length')
    const payload = b.subarray(at + 4, end)
    if (marker === 0xe1) orientation ??= exifOrientation(payload)
    if (keepJpegSegment(marker, payload)) parts.push(b.subarray(at, end))
    at = end
  }
  if (orientation !== undefined && orientation !== 1) parts.splice(1, 0, orientationSegment(orientation))
  return concat(parts)
}

const PNG_DROP = new Set(['eXIf', 'tEXt', 'zTXt', 'iTXt', 'tIME'])

function stripPng(b: Uint8Array): Uint8Array {
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength)
  const parts: Uint8Array[] = [b.subarray(0, 8)]
  let at = 8
  while (at < b.length) {
    if (at + 12 > b.length) throw new MalformedImageError('truncated PNG chunk')
    const len = view.getUint32(at)
    const type = ascii(b, at + 4, 4)
    const end = at + 12 + len
    if (end > b.length) throw new MalformedImageError('bad PNG chunk length')
    if (!PNG_DROP.has(type)) parts.push(b.subarray(at, end))
    at = end
    if (type === 'IEND') break
  }
  return concat(parts)
}

/** VP8X feature flags: bit 3 says an EXIF chunk follows, bit 2 an XMP one. */
const VP8X_EXIF = 0x08
const VP8X_XMP = 0x04

function stripWebp(b: Uint8Array): Uint8Array {
  const parts: Uint8Array[] = []
  let at = 12
  while (at < b.length) {
    if (at + 8 > b.length) throw new MalformedImageError('truncated WebP chunk')
    const fourcc = ascii(b, at, 4)
    const len = b[at + 4]! | (b[at + 5]! << 8) | (b[at + 6]! << 16) | (b[at + 7]! << 24)
    const end = Math.min(b.length, at + 8 + len + (len & 1))
    if (len < 0 || at + 8 + len > b.length) throw new MalformedImageError('bad WebP chunk length')
    if (fourcc === 'VP8X') {
      const chunk = b.slice(at, end)
      chunk[8] = chunk[8]! & ~(VP8X_EXIF | VP8X_XMP)
      parts.push(chunk)
    } else if (fourcc !== 'EXIF' && fourcc !== 'XMP ') {
      parts.push(b.subarray(at, end))
    }
    at = end
  }
  const body = concat(parts)
  const size = body.length + 4
  const head = Uint8Array.from([
    0x52,
    0x49,
    0x46,
    0x46,
    size & 0xff,
    (size >> 8) & 0xff,
    (size >> 16) & 0xff,
    (size >>> 24) & 0xff,
    0x57,
    0x45,
    0x42,
    0x50,
  ])
  return concat([head, body])
}

/**
 * Returns the image without metadata blocks. JPEG keeps its colour profile and, as a tiny
 * rebuilt Exif block, its orientation; PNG drops eXIf and text chunks; WebP drops EXIF and XMP
 * chunks and clears their VP8X flags. Throws {@link MalformedImageError} on a broken container.
 *
 * @example
 * stripMetadata(jpegBytes, 'image/jpeg') // same pixels, no GPS
 */
export function stripMetadata(bytes: Uint8Array, format: ImageFormat): Uint8Array {
  switch (format) {
    case 'image/jpeg':
      return stripJpeg(bytes)
    case 'image/png':
      return stripPng(bytes)
    case 'image/webp':
      return stripWebp(bytes)
  }
}
