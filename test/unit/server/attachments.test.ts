import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sanitizeFileName } from '../../../examples/server/routes/attachments.js'
import type { RunningServer } from '../../../examples/server/server.js'
import type { AttachmentRef, Ticket, TicketDetail } from '../../../src/types.js'
import { key, login, start, ticketInput, type UserClient } from './helpers.js'

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 7)])

let server: RunningServer
let user: UserClient
beforeAll(async () => {
  server = await start({ maxUploadBytes: 1024 })
  user = await login(server, 'u_files')
})
afterAll(async () => {
  await server.close()
})

const upload = (body: Buffer, type: string, name: string, client = user): Promise<Response> =>
  fetch(`${server.url}/v1/attachments`, {
    method: 'POST',
    body: new Uint8Array(body),
    headers: client.headers({
      'Content-Type': type,
      'X-File-Name': encodeURIComponent(name),
      'Idempotency-Key': key(),
    }),
  })

describe('attachments', () => {
  it('refuses a file over the limit with 413 file_too_large', async () => {
    const big = Buffer.concat([PNG, Buffer.alloc(2048)])
    const res = await upload(big, 'image/png', 'big.png')
    expect(res.status).toBe(413)
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('file_too_large')
  })

  it('refuses a disallowed type and a lying type with 415 file_type', async () => {
    const html = await upload(Buffer.from('<script>alert(1)</script>'), 'text/html', 'x.html')
    expect(html.status).toBe(415)
    expect(((await html.json()) as { error: { code: string } }).error.code).toBe('file_type')
    const fake = await upload(Buffer.from('<svg onload=alert(1)>'), 'image/png', 'x.png')
    expect(fake.status).toBe(415)
  })

  it('sanitizes the name and serves the file as a nosniff download', async () => {
    const res = await upload(PNG, 'image/png', '../../etc/\u202egnp.exe\u0007收据.png')
    expect(res.status).toBe(201)
    const ref = (await res.json()) as AttachmentRef
    expect(ref.name).toBe('gnp.exe收据.png')
    expect(ref.size).toBe(PNG.length)
    const dl = await fetch(ref.url as string)
    expect(dl.status).toBe(200)
    expect(dl.headers.get('content-disposition')).toMatch(/^attachment;/)
    expect(dl.headers.get('x-content-type-options')).toBe('nosniff')
    expect(Buffer.from(await dl.arrayBuffer()).equals(PNG)).toBe(true)
  })

  it('hides a file from another user but lets the owner reference it in a ticket', async () => {
    const ref = (await (await upload(PNG, 'image/png', 'a.png')).json()) as AttachmentRef
    const other = await login(server, 'u_files_other')
    expect((await fetch(`${server.url}/v1/attachments/${ref.id}`, { headers: other.headers() })).status).toBe(404)
    const stolen = await other.post('/v1/tickets', ticketInput({ attachments: [ref] }))
    expect(stolen.status).toBe(400)
    const mine = (await (
      await user.post('/v1/tickets', ticketInput({ attachments: [{ ...ref, name: 'renamed.exe' }] }))
    ).json()) as Ticket
    const detail = (await (await user.get(`/v1/tickets/${mine.id}`)).json()) as TicketDetail
    expect(detail.attachments.map((a) => a.name)).toEqual(['a.png'])
  })
})

describe('sanitizeFileName', () => {
  it('strips directories, control characters and leading dots, and bounds the length', () => {
    expect(sanitizeFileName('..%2F..%2Fetc%2Fpasswd')).toBe('passwd')
    expect(sanitizeFileName('C:\\Users\\x\\.bashrc')).toBe('bashrc')
    expect(sanitizeFileName('\u0000\u001f')).toBe('file')
    const long = sanitizeFileName(`${'a'.repeat(300)}.pdf`)
    expect(long.length).toBe(120)
    expect(long.endsWith('.pdf')).toBe(true)
  })
})
