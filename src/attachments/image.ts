/**
 * Screenshots and photos the user attaches, prepared on the device before they are queued:
 * images only, a size limit, downscaled and re-encoded so no Exif (GPS location, device, time)
 * leaves the phone. Headless: every DOM API is feature-checked, nothing runs at import time.
 *
 * Route, in order of preference:
 * 1. `createImageBitmap` (or an `<img>` where it is missing) + `OffscreenCanvas` (or a
 *    `<canvas>`): decoded, scaled to at most {@link MAX_DIMENSION} px and re-encoded. Re-encoding
 *    writes pixels only, so every metadata block is gone.
 * 2. No usable canvas (old WebViews, workers, tests): the original pixels are kept and the
 *    metadata blocks are cut out of the file bytes (see ./strip.ts). The image cannot be
 *    downscaled there, so it must already fit {@link MAX_OUTPUT_BYTES}. We chose this over
 *    "keep small non-JPEG originals as they are" because PNG (eXIf/tEXt) and WebP (EXIF/XMP)
 *    can carry a location as well, and a byte-level strip is exact and cheap.
 */
import { FileRejectedError } from '../errors/index.js'
import { type ImageFormat, MalformedImageError, sniffImage, stripMetadata } from './strip.js'

/** Types accepted by default. Anything else (PDF, HEIC, SVG) is refused with `file_type`. */
export const IMAGE_TYPES: readonly ImageFormat[] = ['image/png', 'image/jpeg', 'image/webp']
/** Largest file accepted before processing. */
export const MAX_INPUT_BYTES = 10 * 1024 * 1024
/** Longest side after downscaling; enough to read any text in a phone screenshot. */
export const MAX_DIMENSION = 1600
/** Largest processed image queued for upload. */
export const MAX_OUTPUT_BYTES = 5 * 1024 * 1024
const QUALITY = 0.85

/** A picked file, ready for the outbox (`QueuedFile`) and for a preview. */
export interface PreparedImage {
  blob: Blob
  /** A neutral name (`screenshot-1.jpg`): the original file name can hold a phone number or a name. */
  name: string
  type: string
  size: number
  width?: number
  height?: number
  /** `reencoded`: went through a canvas; `stripped`: metadata cut from the original bytes. */
  route: 'reencoded' | 'stripped'
}

/** Re-encodes through a canvas. Injected in tests; {@link canvasCodec} in browsers. */
export interface ImageCodec {
  reencode(
    blob: Blob,
    opts: { maxDimension: number; type: ImageFormat; quality: number },
  ): Promise<{ blob: Blob; width: number; height: number }>
}

export interface PrepareImageOptions {
  /** 0-based position among the user's attachments; used in the neutral file name. */
  index?: number
  maxInputBytes?: number
  maxOutputBytes?: number
  maxDimension?: number
  /** `null` forces the byte-level fallback; default: a canvas codec when the platform has one. */
  codec?: ImageCodec | null
}

/** Scales `width × height` down (never up) so the longer side is at most `max`. */
export function fitWithin(width: number, height: number, max: number): { width: number; height: number } {
  const scale = Math.min(1, max / Math.max(width, height, 1))
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) }
}

const EXT: Record<string, string> = { 'image/png': 'png', 'image/jpeg': 'jpg', 'image/webp': 'webp' }

interface Surface {
  ctx: CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D
  toBlob(type: string, quality: number): Promise<Blob | null>
}

function surface(width: number, height: number): Surface | undefined {
  const g = globalThis as { OffscreenCanvas?: typeof OffscreenCanvas; document?: Document }
  try {
    if (typeof g.OffscreenCanvas === 'function') {
      const canvas = new g.OffscreenCanvas(width, height)
      const ctx = canvas.getContext('2d')
      if (ctx) return { ctx, toBlob: (type, quality) => canvas.convertToBlob({ type, quality }) }
    }
    if (g.document?.createElement) {
      const canvas = g.document.createElement('canvas')
      canvas.width = width
      canvas.height = height
      const ctx = canvas.getContext('2d')
      if (ctx) return { ctx, toBlob: (type, quality) => new Promise((done) => canvas.toBlob(done, type, quality)) }
    }
  } catch {
    // A canvas that throws on creation is as good as none.
  }
  return undefined
}

interface Decoded {
  source: CanvasImageSource
  width: number
  height: number
  close(): void
}

async function decode(blob: Blob): Promise<Decoded> {
  const g = globalThis as { createImageBitmap?: typeof createImageBitmap; Image?: typeof Image; URL: typeof URL }
  if (typeof g.createImageBitmap === 'function') {
    // The default `imageOrientation` applies the Exif rotation before the Exif is discarded.
    const bitmap = await g.createImageBitmap(blob)
    return { source: bitmap, width: bitmap.width, height: bitmap.height, close: () => bitmap.close() }
  }
  const url = g.URL.createObjectURL(blob)
  try {
    const img = new g.Image!()
    img.src = url
    await img.decode()
    return { source: img, width: img.naturalWidth, height: img.naturalHeight, close: () => undefined }
  } finally {
    g.URL.revokeObjectURL(url)
  }
}

/**
 * The platform's canvas codec, or undefined when it cannot draw (no canvas, no 2D context,
 * nothing to decode with). Checked on every call: cheap, and tests can change the globals.
 */
export function canvasCodec(): ImageCodec | undefined {
  const g = globalThis as { createImageBitmap?: unknown; Image?: unknown }
  if (typeof g.createImageBitmap !== 'function' && typeof g.Image !== 'function') return undefined
  if (!surface(1, 1)) return undefined
  return {
    async reencode(blob, { maxDimension, type, quality }) {
      const image = await decode(blob)
      try {
        const size = fitWithin(image.width, image.height, maxDimension)
        const out = surface(size.width, size.height)
        if (!out) throw new Error('canvas unavailable')
        // JPEG has no alpha: without a background, transparent pixels turn black.
        if (type === 'image/jpeg') {
          out.ctx.fillStyle = '#fff'
          out.ctx.fillRect(0, 0, size.width, size.height)
        }
        out.ctx.imageSmoothingQuality = 'high'
        out.ctx.drawImage(image.source, 0, 0, size.width, size.height)
        const encoded = await out.toBlob(type, quality)
        if (!encoded) throw new Error('encoding failed')
        return { blob: encoded, ...size }
      } finally {
        image.close()
      }
    },
  }
}

async function readBytes(blob: Blob, end?: number): Promise<Uint8Array> {
  const part = end === undefined ? blob : blob.slice(0, end)
  return new Uint8Array(await part.arrayBuffer())
}

/** Non-standard JPEG types some Android pickers still report. */
const ALIASES: Record<string, string> = { 'image/jpg': 'image/jpeg', 'image/pjpeg': 'image/jpeg' }

/**
 * The refusal a picked file gets before any byte is read: a declared type that is not an image we
 * take, or a size over the input limit. `undefined` when the file may be prepared (its bytes can
 * still refuse it). Pickers use it so a refused file never takes one of the places.
 */
export function refusedAtPick(file: Blob, maxInput = MAX_INPUT_BYTES): 'file_type' | 'file_too_large' | undefined {
  const declared = ALIASES[file.type] ?? file.type
  if (declared && !IMAGE_TYPES.includes(declared as ImageFormat)) return 'file_type'
  if (file.size > maxInput) return 'file_too_large'
  return undefined
}

const nameOf = (file: Blob) => (typeof (file as File).name === 'string' && (file as File).name) || 'image'

/**
 * Checks and prepares one picked image. Throws {@link FileRejectedError} (`file_type` or
 * `file_too_large`) with the original name so the UI can say which file was refused; the
 * other files and the form stay as they are.
 *
 * @example
 * const img = await prepareImage(input.files[0], { index: 0 })
 * await outbox.enqueue('ticket', { input, files: [{ blob: img.blob, name: img.name, type: img.type }] })
 */
export async function prepareImage(file: Blob, options: PrepareImageOptions = {}): Promise<PreparedImage> {
  const name = nameOf(file)
  const maxInput = options.maxInputBytes ?? MAX_INPUT_BYTES
  const maxOutput = options.maxOutputBytes ?? MAX_OUTPUT_BYTES
  const declared = ALIASES[file.type] ?? file.type
  const refused = refusedAtPick(file, maxInput)
  if (refused) throw new FileRejectedError(refused, name, refused === 'file_too_large' ? maxInput : undefined)
  // The declared type is the picker's guess from the extension; the bytes decide.
  const format = sniffImage(await readBytes(file, 16))
  if (!format || (declared && declared !== format)) throw new FileRejectedError('file_type', name)
  const stem = `screenshot-${(options.index ?? 0) + 1}`

  const codec = options.codec === undefined ? canvasCodec() : options.codec
  if (codec) {
    let result: { blob: Blob; width: number; height: number }
    try {
      result = await codec.reencode(file, {
        maxDimension: options.maxDimension ?? MAX_DIMENSION,
        type: format,
        quality: QUALITY,
      })
      // Encoders may ignore the type (Safari writes PNG for WebP); large PNGs get a JPEG second try.
      if (result.blob.size > maxOutput && result.blob.type !== 'image/jpeg') {
        result = await codec.reencode(file, {
          maxDimension: options.maxDimension ?? MAX_DIMENSION,
          type: 'image/jpeg',
          quality: 0.8,
        })
      }
    } catch {
      // The codec works (checked above), so a decode failure means the file is not a real image.
      throw new FileRejectedError('file_type', name)
    }
    if (result.blob.size > maxOutput) throw new FileRejectedError('file_too_large', name, maxOutput)
    const type = IMAGE_TYPES.includes(result.blob.type as ImageFormat) ? result.blob.type : format
    return {
      blob: result.blob,
      name: `${stem}.${EXT[type]}`,
      type,
      size: result.blob.size,
      width: result.width,
      height: result.height,
      route: 'reencoded',
    }
  }

  if (file.size > maxOutput) throw new FileRejectedError('file_too_large', name, maxOutput)
  let bytes: Uint8Array
  try {
    bytes = stripMetadata(await readBytes(file), format)
  } catch (error) {
    if (error instanceof MalformedImageError) throw new FileRejectedError('file_type', name)
    throw error
  }
  const blob = new Blob([bytes as Uint8Array<ArrayBuffer>], { type: format })
  return { blob, name: `${stem}.${EXT[format]}`, type: format, size: blob.size, route: 'stripped' }
}
