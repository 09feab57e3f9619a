import { createHash, randomBytes } from 'node:crypto'
import type { ReadStream } from 'node:fs'
import {
  promises as fs,
  appendFileSync,
  closeSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  rmSync,
  symlinkSync,
  truncateSync,
  unlinkSync,
  utimesSync,
  writeFileSync,
  writeSync,
} from 'node:fs'
import { Agent, request, type IncomingHttpHeaders, type IncomingMessage } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { execFileSync } from 'node:child_process'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import type { RunningServer } from '../../../examples/server/server.js'

/** Every read stream the server opens on a file, kept to see what became of it. */
const streams = vi.hoisted(() => ({ opened: [] as ReadStream[] }))
vi.mock('node:fs', async (original) => {
  const real = await original<typeof import('node:fs')>()
  const createReadStream = (...args: Parameters<typeof real.createReadStream>) => {
    const stream = real.createReadStream(...args)
    streams.opened.push(stream)
    return stream
  }
  return { ...real, createReadStream, default: { ...real, createReadStream } }
})
const { start } = await import('./helpers.js')
const { STREAM_ABOVE } = await import('../../../examples/server/static.js')

const MB = 1024 * 1024
let server: RunningServer
let root: string
let demo: string
let outside: string
/** 40 MB of a random megabyte repeated: its SHA-256 and size. */
const huge = { sha: '', size: 40 * MB }

const block = randomBytes(MB)
{
  const hash = createHash('sha256')
  for (let i = 0; i < huge.size / MB; i++) hash.update(block)
  huge.sha = hash.digest('hex')
}
function writeHuge(file: string): void {
  writeFileSync(file, '')
  for (let i = 0; i < huge.size / MB; i++) appendFileSync(file, block)
}

/** A request whose body is hashed as it arrives; `onFirst` runs on the first chunk (the response paused). */
function get(
  path: string,
  headers: Record<string, string> = {},
  opts: { method?: string; agent?: Agent; onFirst?: (res: IncomingMessage) => void | Promise<void> } = {},
) {
  return new Promise<{ status: number; headers: IncomingHttpHeaders; size: number; sha: string; body: Buffer }>(
    (done, fail) => {
      const req = request(
        { host: '127.0.0.1', port: server.port, path, method: opts.method ?? 'GET', headers, agent: opts.agent },
        (res) => {
          const hash = createHash('sha256')
          const head: Buffer[] = []
          let size = 0
          let first = true
          res.on('data', (c: Buffer) => {
            hash.update(c)
            if (size < 4096) head.push(c)
            size += c.length
            if (first && opts.onFirst) {
              first = false
              res.pause()
              void Promise.resolve(opts.onFirst(res)).then(() => res.resume(), fail)
            }
          })
          res.on('error', fail)
          res.on('aborted', () => fail(new Error('aborted')))
          res.on('end', () =>
            done({
              status: res.statusCode ?? 0,
              headers: res.headers,
              size,
              sha: hash.digest('hex'),
              body: Buffer.concat(head),
            }),
          )
        },
      )
      req.on('error', fail)
      req.end()
    },
  )
}

const closed = (s: ReadStream) => new Promise<void>((r) => (s.closed ? r() : s.once('close', () => r())))

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'hf-static18-'))
  demo = join(root, 'examples', 'wallet-demo')
  mkdirSync(demo, { recursive: true })
  writeFileSync(join(demo, 'index.html'), '<!doctype html><p>wallet</p>')
  outside = join(root, 'outside')
  mkdirSync(outside)
  writeHuge(join(outside, 'secret.json'))
  writeHuge(join(demo, 'huge.json'))
  symlinkSync(join(outside, 'secret.json'), join(demo, 'escape.json'))
  server = await start({ staticRoot: root })
})
afterAll(async () => {
  await server.close()
  rmSync(root, { recursive: true, force: true })
})
afterEach(() => {
  vi.restoreAllMocks()
  streams.opened.length = 0
})

describe('static files above the streaming threshold', () => {
  it('streams a 40 MB file from disk, uncompressed, without reading it whole', async () => {
    const readFile = vi.spyOn(fs, 'readFile')
    const res = await get('/huge.json', { 'Accept-Encoding': 'gzip, br' })
    expect(res.status).toBe(200)
    expect(res.headers['content-encoding']).toBeUndefined()
    expect(res.headers['content-length']).toBe(String(huge.size))
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8')
    expect(res.size).toBe(huge.size)
    expect(res.sha).toBe(huge.sha)
    // Never read into memory at once: a stream from disk, no readFile for it.
    expect(readFile.mock.calls.filter(([p]) => String(p).endsWith('huge.json'))).toEqual([])
    expect(streams.opened).toHaveLength(1)
  })

  it('answers HEAD with the length and no body, opening no stream', async () => {
    const res = await get('/huge.json', {}, { method: 'HEAD' })
    expect(res.status).toBe(200)
    expect(res.headers['content-length']).toBe(String(huge.size))
    expect(res.size).toBe(0)
    expect(streams.opened).toHaveLength(0)
  })

  it('destroys the file stream when the client goes away', async () => {
    const gone = get('/huge.json', {}, { onFirst: (res) => void res.destroy() })
    await expect(gone).rejects.toThrow()
    expect(streams.opened).toHaveLength(1)
    const stream = streams.opened[0]!
    await closed(stream)
    expect(stream.destroyed).toBe(true)
    expect(stream.bytesRead).toBeLessThan(huge.size)
    // The next client gets the whole file.
    const again = await get('/huge.json')
    expect(again.sha).toBe(huge.sha)
  })

  it('ignores Range: the whole file with 200 and Accept-Ranges: none, large or small', async () => {
    const big = await get('/huge.json', { Range: 'bytes=0-9' })
    expect(big.status).toBe(200)
    expect(big.headers['accept-ranges']).toBe('none')
    expect(big.size).toBe(huge.size)
    expect(big.sha).toBe(huge.sha)
    const small = await get('/', { Range: 'bytes=5-' })
    expect(small.status).toBe(200)
    expect(small.headers['accept-ranges']).toBe('none')
    expect(small.body.toString()).toBe('<!doctype html><p>wallet</p>')
  })

  it('refuses a symlink that leads outside the static root, opening nothing', async () => {
    const res = await get('/escape.json')
    expect(res.status).toBe(404)
    expect(streams.opened).toHaveLength(0)
  })

  it('streams HTML above the threshold with its security headers (its inline scripts stay blocked)', async () => {
    const file = join(demo, 'long.html')
    writeFileSync(file, `<!doctype html><script>boot()</script>${'<p>x</p>'.repeat(Math.ceil(STREAM_ABOVE / 8))}`)
    const res = await get('/long.html', { 'Accept-Encoding': 'br' })
    expect(res.status).toBe(200)
    expect(res.headers['content-encoding']).toBeUndefined()
    expect(String(res.headers['content-security-policy'])).toMatch(/script-src 'self' 'nonce-/)
    expect(res.headers['x-frame-options']).toBe('DENY')
    expect(res.body.subarray(0, 38).toString()).toBe('<!doctype html><script>boot()</script>')
    unlinkSync(file)
  })

  it('cuts the connection, not a short 200, when the file shrinks while it is sent', async () => {
    const file = join(demo, 'shrinking.json')
    writeHuge(file)
    const agent = new Agent({ keepAlive: true })
    const res = get('/shrinking.json', {}, { agent, onFirst: () => truncateSync(file, MB) })
    await expect(res).rejects.toThrow(/aborted|socket hang up|ECONNRESET/)
    agent.destroy()
    unlinkSync(file)
  })

  it('cuts the connection when the file is rewritten in place, same size, while it is sent', async () => {
    const file = join(demo, 'rewritten.json')
    writeHuge(file)
    const agent = new Agent({ keepAlive: true })
    const rewrite = () => {
      // New bytes near the end and a later modification time, as an in-place rebuild gives.
      const fd = openSync(file, 'r+')
      writeSync(fd, Buffer.alloc(MB), 0, MB, huge.size - 2 * MB)
      closeSync(fd)
      utimesSync(file, new Date(), new Date(Date.now() + 5000))
    }
    const res = get('/rewritten.json', {}, { agent, onFirst: rewrite })
    await expect(res).rejects.toThrow(/aborted|socket hang up|ECONNRESET/)
    agent.destroy()
    unlinkSync(file)
  })

  it('sends the whole file when it is deleted while it is sent (the open file stays readable)', async () => {
    const file = join(demo, 'deleted.json')
    writeHuge(file)
    const res = await get('/deleted.json', {}, { onFirst: () => unlinkSync(file) })
    expect(res.size).toBe(huge.size)
    expect(res.sha).toBe(huge.sha)
  })

  it('answers 404, not 500, for a file deleted after it was found', async () => {
    const file = join(demo, 'vanishing.json')
    writeFileSync(file, '{"a":1}')
    const { stat } = fs
    let seen = 0
    // The path is looked up, then read: the file goes after its second stat, as the server opens it.
    vi.spyOn(fs, 'stat').mockImplementation((async (p: string, ...rest: unknown[]) => {
      const s = await (stat as (...a: unknown[]) => Promise<unknown>)(p, ...rest)
      if (p === file && ++seen === 2) unlinkSync(file)
      return s
    }) as typeof fs.stat)
    const res = await get('/vanishing.json')
    expect(res.status).toBe(404)
  })

  it('answers 404 for a directory where a file is expected', async () => {
    mkdirSync(join(demo, 'sub', 'index.html'), { recursive: true })
    const res = await get('/sub/')
    expect(res.status).toBe(404)
  })

  it.skipIf(process.platform === 'win32')('answers 404 for a FIFO instead of waiting for a writer', async () => {
    execFileSync('mkfifo', [join(demo, 'pipe.json')])
    const res = await get('/pipe.json')
    expect(res.status).toBe(404)
  })
})
