import { build } from 'esbuild'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launch, type Session } from './browser.js'

/**
 * The canvas route of src/attachments in a real browser: decode, downscale to 1600 px,
 * re-encode, and no Exif (GPS) left. happy-dom has no canvas, so only Chromium can show it.
 */
let s: Session
let bundle: string

beforeAll(async () => {
  const out = await build({
    entryPoints: [fileURLToPath(new URL('../../src/attachments/index.ts', import.meta.url))],
    bundle: true,
    write: false,
    format: 'iife',
    globalName: 'HFAttachments',
    target: 'es2020',
  })
  bundle = out.outputFiles[0]!.text
  s = await launch()
  await s.page.setContent('<!doctype html><title>attachments</title>')
  await s.page.addScriptTag({ content: bundle })
})
afterAll(async () => {
  await s?.close()
})

describe('prepareImage in Chromium', () => {
  it('downscales a large JPEG with GPS Exif, re-encodes it, and the output carries no Exif', async () => {
    const result = await s.page.evaluate(async () => {
      const api = (window as unknown as { HFAttachments: typeof import('../../src/attachments/index.js') })
        .HFAttachments
      const canvas = new OffscreenCanvas(3000, 2000)
      const ctx = canvas.getContext('2d')!
      ctx.fillStyle = '#3a7'
      ctx.fillRect(0, 0, 3000, 2000)
      ctx.fillStyle = '#fff'
      ctx.font = '120px sans-serif'
      ctx.fillText('Receipt 128.50 CNY', 200, 400)
      const plain = new Uint8Array(
        await (await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.9 })).arrayBuffer(),
      )
      // Splice an Exif APP1 with a GPS marker right after SOI, as a phone camera would.
      const text = 'Exif\0\0MM\0*\0\0\0\x08\0\0\0\0\0\0GPS 39.9042N 116.4074E'
      const payload = Uint8Array.from([...text].map((c) => c.charCodeAt(0)))
      const app1 = Uint8Array.from([0xff, 0xe1, (payload.length + 2) >> 8, (payload.length + 2) & 255, ...payload])
      const withGps = new Uint8Array(plain.length + app1.length)
      withGps.set(plain.subarray(0, 2))
      withGps.set(app1, 2)
      withGps.set(plain.subarray(2), 2 + app1.length)
      const file = new File([withGps], 'IMG_0001.jpg', { type: 'image/jpeg' })
      const codec = api.canvasCodec()
      const img = await api.prepareImage(file, { index: 0 })
      const out = new Uint8Array(await img.blob.arrayBuffer())
      const latin = String.fromCharCode(...out.subarray(0, 4096))
      const bitmap = await createImageBitmap(img.blob)
      return {
        hasCodec: !!codec,
        route: img.route,
        name: img.name,
        type: img.type,
        width: img.width,
        height: img.height,
        decoded: [bitmap.width, bitmap.height],
        inputHasGps: String.fromCharCode(...withGps.subarray(0, 200)).includes('GPS 39.9'),
        outputHasExif: latin.includes('Exif') || latin.includes('GPS 39.9'),
        inputBytes: withGps.length,
        outputBytes: out.length,
      }
    })
    expect(result).toMatchObject({
      hasCodec: true,
      route: 'reencoded',
      name: 'screenshot-1.jpg',
      type: 'image/jpeg',
      width: 1600,
      height: 1067,
    })
    expect(result.decoded).toEqual([1600, 1067])
    expect(result.inputHasGps).toBe(true)
    expect(result.outputHasExif).toBe(false)
    console.info(`prepareImage: 3000×2000 JPEG ${result.inputBytes} B → 1600×1067 ${result.outputBytes} B`)
  })

  it('refuses a file that claims to be an image but does not decode', async () => {
    const code = await s.page.evaluate(async () => {
      const api = (window as unknown as { HFAttachments: typeof import('../../src/attachments/index.js') })
        .HFAttachments
      const broken = new File([Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0, 4, 0, 0, 1, 2, 3])], 'broken.jpg', {
        type: 'image/jpeg',
      })
      return api.prepareImage(broken).then(
        () => 'accepted',
        (e: { code?: string }) => e.code,
      )
    })
    expect(code).toBe('file_type')
  })
})
