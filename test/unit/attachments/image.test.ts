import { describe, expect, it } from 'vitest'
import { FileRejectedError } from '../../../src/errors/index.js'
import {
  exifOrientation,
  fitWithin,
  prepareImage,
  sniffImage,
  stripMetadata,
  type ImageCodec,
} from '../../../src/attachments/index.js'

const bytes = (...parts: Array<number[] | string | Uint8Array>) =>
  Uint8Array.from(parts.flatMap((p) => (typeof p === 'string' ? [...p].map((c) => c.charCodeAt(0)) : [...p])))
const has = (haystack: Uint8Array, needle: string) => Buffer.from(haystack).includes(Buffer.from(needle, 'latin1'))
const seg = (marker: number, payload: Uint8Array) =>
  bytes([0xff, marker, (payload.length + 2) >> 8, (payload.length + 2) & 0xff], payload)

/** Big-endian Exif with Orientation and a GPSInfo pointer to a GPS IFD holding "GPS-SECRET". */
function exif(orientation: number): Uint8Array {
  const tiff = bytes(
    'MM',
    [0, 42, 0, 0, 0, 8],
    [0, 2],
    [0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, orientation, 0, 0],
    [0x88, 0x25, 0, 4, 0, 0, 0, 1, 0, 0, 0, 38],
    [0, 0, 0, 0],
    'GPS-SECRET-39.9N-116.4E',
  )
  return bytes('Exif', [0, 0], tiff)
}

function jpeg(orientation = 6): Uint8Array {
  return bytes(
    [0xff, 0xd8],
    seg(0xe0, bytes('JFIF', [0, 1, 1, 0, 0, 1, 0, 1, 0, 0])),
    seg(0xe1, exif(orientation)),
    seg(0xe1, bytes('http://ns.adobe.com/xap/1.0/', [0], '<x:xmpmeta>XMP-SECRET</x:xmpmeta>')),
    seg(0xe2, bytes('ICC_PROFILE', [0, 1, 1], 'icc-data')),
    seg(0xed, bytes('Photoshop 3.0', [0], 'IPTC-SECRET')),
    seg(0xfe, bytes('COMMENT-SECRET')),
    seg(0xdb, bytes([0], new Array(64).fill(1))),
    seg(0xda, bytes([1, 1, 0, 0, 63, 0])),
    [0x12, 0x34, 0xff, 0x00, 0x56, 0xff, 0xd9],
  )
}

function chunk(type: string, data: Uint8Array) {
  const len = data.length
  return bytes([len >>> 24, (len >> 16) & 255, (len >> 8) & 255, len & 255], type, data, [0, 0, 0, 0])
}
function png(): Uint8Array {
  return bytes(
    [0x89],
    'PNG',
    [0x0d, 0x0a, 0x1a, 0x0a],
    chunk('IHDR', new Uint8Array(13)),
    chunk('tEXt', bytes('Location', [0], 'TEXT-SECRET')),
    chunk('eXIf', exif(1).subarray(6)),
    chunk('IDAT', bytes('pixels')),
    chunk('IEND', new Uint8Array()),
  )
}

function riffChunk(fourcc: string, data: Uint8Array) {
  const len = data.length
  return bytes(fourcc, [len & 255, (len >> 8) & 255, (len >> 16) & 255, len >>> 24], data, len & 1 ? [0] : [])
}
function webp(): Uint8Array {
  const body = bytes(
    'WEBP',
    riffChunk('VP8X', bytes([0x08 | 0x04 | 0x10, 0, 0, 0, 9, 0, 0, 9, 0, 0])),
    riffChunk('VP8 ', bytes('frame')),
    riffChunk('EXIF', exif(1).subarray(6)),
    riffChunk('XMP ', bytes('XMP-SECRET!')),
  )
  const size = body.length
  return bytes('RIFF', [size & 255, (size >> 8) & 255, (size >> 16) & 255, size >>> 24], body)
}

const file = (data: Uint8Array, type: string, name = 'IMG_20261123_北京.jpg') =>
  new File([data as Uint8Array<ArrayBuffer>], name, { type })

describe('metadata stripping (no canvas)', () => {
  it('JPEG: drops Exif/GPS, XMP, IPTC and comments; keeps JFIF, the colour profile, tables, scan data and the orientation', () => {
    const src = jpeg(6)
    const out = stripMetadata(src, 'image/jpeg')
    for (const secret of ['GPS-SECRET', 'XMP-SECRET', 'IPTC-SECRET', 'COMMENT-SECRET'])
      expect(has(out, secret)).toBe(false)
    for (const kept of ['JFIF', 'ICC_PROFILE']) expect(has(out, kept)).toBe(true)
    expect(out.subarray(out.length - 7)).toEqual(src.subarray(src.length - 7))
    const app1 = out.indexOf(0xe1)
    expect(out[app1 - 1]).toBe(0xff)
    expect(exifOrientation(out.subarray(app1 + 3, app1 + 1 + ((out[app1 + 1]! << 8) | out[app1 + 2]!)))).toBe(6)
    expect(has(stripMetadata(jpeg(1), 'image/jpeg'), 'Exif')).toBe(false)
  })

  it('PNG: drops text and eXIf chunks, keeps the image chunks in order', () => {
    const out = stripMetadata(png(), 'image/png')
    expect(has(out, 'TEXT-SECRET')).toBe(false)
    expect(has(out, 'GPS-SECRET')).toBe(false)
    expect(['IHDR', 'IDAT', 'IEND'].every((c) => has(out, c))).toBe(true)
  })

  it('WebP: drops EXIF and XMP chunks, clears their flags and fixes the RIFF size', () => {
    const out = stripMetadata(webp(), 'image/webp')
    expect(has(out, 'GPS-SECRET') || has(out, 'XMP-SECRET')).toBe(false)
    const view = new DataView(out.buffer, out.byteOffset)
    expect(view.getUint32(4, true)).toBe(out.length - 8)
    expect(out[20]! & 0x0c).toBe(0)
    expect(out[20]! & 0x10).toBe(0x10)
    expect(sniffImage(out)).toBe('image/webp')
  })
})

describe('prepareImage', () => {
  it('refuses what is not an image, by declared type and by content', async () => {
    await expect(
      prepareImage(file(bytes('%PDF-1.7'), 'application/pdf', 'statement.pdf'), { codec: null }),
    ).rejects.toMatchObject({ code: 'file_type', fileName: 'statement.pdf' })
    await expect(
      prepareImage(file(bytes('%PDF-1.7 pretending'), 'image/png', 'fake.png'), { codec: null }),
    ).rejects.toBeInstanceOf(FileRejectedError)
    await expect(prepareImage(file(jpeg(), 'image/png', 'wrong.png'), { codec: null })).rejects.toMatchObject({
      code: 'file_type',
    })
  })

  it('refuses files over the input limit before reading them', async () => {
    const big = new File([new Uint8Array(10 * 1024 * 1024 + 1)], 'huge.png', { type: 'image/png' })
    await expect(prepareImage(big)).rejects.toMatchObject({
      code: 'file_too_large',
      limit: 10 * 1024 * 1024,
      fileName: 'huge.png',
    })
  })

  it('without a canvas: strips metadata and gives a neutral name', async () => {
    const img = await prepareImage(file(jpeg(), 'image/jpeg'), { codec: null, index: 1 })
    expect(img).toMatchObject({ name: 'screenshot-2.jpg', type: 'image/jpeg', route: 'stripped' })
    expect(has(new Uint8Array(await img.blob.arrayBuffer()), 'GPS-SECRET')).toBe(false)
    const typeless = await prepareImage(file(png(), '', 'clip'), { codec: null })
    expect(typeless.type).toBe('image/png')
    await expect(prepareImage(file(png(), 'image/png'), { codec: null, maxOutputBytes: 10 })).rejects.toMatchObject({
      code: 'file_too_large',
    })
  })

  it('with a canvas: re-encodes at most 1600 px, falls back to JPEG when a PNG stays too large', async () => {
    const seen: Array<{ type: string; maxDimension: number }> = []
    const codec: ImageCodec = {
      async reencode(_blob, opts) {
        seen.push({ type: opts.type, maxDimension: opts.maxDimension })
        const size = opts.type === 'image/png' ? 6 * 1024 * 1024 : 300_000
        return {
          blob: new Blob([new Uint8Array(size)], { type: opts.type }),
          ...fitWithin(3000, 2000, opts.maxDimension),
        }
      },
    }
    const img = await prepareImage(file(png(), 'image/png', 'Screenshot 13800138000.png'), { codec })
    expect(seen).toEqual([
      { type: 'image/png', maxDimension: 1600 },
      { type: 'image/jpeg', maxDimension: 1600 },
    ])
    expect(img).toMatchObject({
      route: 'reencoded',
      type: 'image/jpeg',
      name: 'screenshot-1.jpg',
      width: 1600,
      height: 1067,
    })
  })

  it('a file the decoder cannot read is refused as not an image', async () => {
    const codec: ImageCodec = {
      reencode: async () => {
        throw new Error('decode failed')
      },
    }
    await expect(prepareImage(file(jpeg(), 'image/jpeg'), { codec })).rejects.toMatchObject({ code: 'file_type' })
  })

  it('fitWithin never upscales', () => {
    expect(fitWithin(4000, 3000, 1600)).toEqual({ width: 1600, height: 1200 })
    expect(fitWithin(1170, 2532, 1600)).toEqual({ width: 739, height: 1600 })
    expect(fitWithin(800, 600, 1600)).toEqual({ width: 800, height: 600 })
  })
})
