import { promises as fs, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { brotliDecompressSync } from 'node:zlib'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'

/** Every brotli compression the server starts, counted. */
const compressions = vi.hoisted(() => ({ count: 0 }))
vi.mock('node:zlib', async (original) => {
  const zlib = await original<typeof import('node:zlib')>()
  const brotliCompress = (...args: unknown[]) => {
    compressions.count++
    return (zlib.brotliCompress as (...a: unknown[]) => void)(...args)
  }
  return { ...zlib, brotliCompress, default: { ...zlib, brotliCompress } }
})

const { serveStatic } = await import('../../../examples/server/static.js')

let root: string
const index = (version: number) =>
  JSON.stringify({ version, terms: Object.fromEntries(Array.from({ length: 3000 }, (_, i) => [`term${i}`, [i, 1]])) })

/** One GET through serveStatic, without a socket: status, headers and body bytes. */
async function get(path: string, acceptEncoding = 'br') {
  const req = { method: 'GET', headers: { 'accept-encoding': acceptEncoding } } as unknown as IncomingMessage
  let status = 0
  let headers: Record<string, string> = {}
  let body: Buffer = Buffer.alloc(0)
  const res = {
    writeHead(s: number, h: Record<string, string>) {
      status = s
      headers = h
    },
    end(b?: Buffer) {
      body = b ?? Buffer.alloc(0)
    },
  } as unknown as ServerResponse
  await serveStatic(req, res, [{ prefix: '/', dir: root }], path)
  return { status, headers, body }
}

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'hf-static17-'))
})
afterAll(() => rmSync(root, { recursive: true, force: true }))
afterEach(() => vi.restoreAllMocks())

describe('static compression under load and change', () => {
  it('compresses a file once when many first requests for it arrive together', async () => {
    writeFileSync(join(root, 'together.json'), index(1))
    compressions.count = 0
    const answers = await Promise.all(Array.from({ length: 12 }, () => get('/together.json')))
    for (const a of answers) expect(JSON.parse(brotliDecompressSync(a.body).toString()).version).toBe(1)
    // Twelve brotli-9 runs of the same bytes at once (the demo's index is 389 KB): one is enough.
    expect(compressions.count).toBe(1)
    await get('/together.json')
    expect(compressions.count).toBe(1)
  })

  it('never keeps the copy of an old version under the new version', async () => {
    const file = join(root, 'changing.json')
    writeFileSync(file, index(1))
    utimesSync(file, new Date(), new Date(Date.now() - 60_000))
    // The file is rebuilt while the server reads it: the read gets the old bytes, the stat beside
    // it sees the new size and time.
    const { readFile, stat } = fs
    let reading: Promise<unknown> | undefined
    vi.spyOn(fs, 'readFile').mockImplementation((async (p: string, ...rest: unknown[]) => {
      if (p !== file || reading) return (readFile as (...a: unknown[]) => unknown)(p, ...rest)
      let done!: () => void
      reading = new Promise<void>((r) => (done = r))
      const old = await readFile(p)
      writeFileSync(file, index(22))
      utimesSync(file, new Date(), new Date(Date.now() + 5000))
      done()
      return old
    }) as typeof fs.readFile)
    vi.spyOn(fs, 'stat').mockImplementation((async (p: string, ...rest: unknown[]) => {
      await Promise.resolve()
      if (p === file && reading) await reading
      return (stat as (...a: unknown[]) => unknown)(p, ...rest)
    }) as typeof fs.stat)
    await get('/changing.json')
    vi.restoreAllMocks()
    const later = await get('/changing.json')
    expect(JSON.parse(brotliDecompressSync(later.body).toString()).version).toBe(22)
  })
})
