import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { safeName } from '../../../examples/server/routes/attachments.js'
import type { RunningServer } from '../../../examples/server/server.js'
import { key, login, start, type UserClient } from './helpers.js'

/** Object.prototype member names, lower-cased as the server reads a Content-Type. */
const TYPES = ['constructor', '__proto__', 'tostring', 'valueof', 'hasownproperty', '__definegetter__']

let server: RunningServer
let user: UserClient
beforeAll(async () => {
  server = await start()
  user = await login(server, 'u_proto_types')
})
afterAll(async () => {
  await server.close()
})

const upload = (body: Buffer, type: string): Promise<Response> =>
  fetch(`${server.url}/v1/attachments`, {
    method: 'POST',
    body: new Uint8Array(body),
    headers: user.headers({ 'Content-Type': type, 'X-File-Name': 'page.html', 'Idempotency-Key': key() }),
  })

describe('upload types named like Object.prototype members', () => {
  it.each(TYPES)('refuses Content-Type %s with 415 file_type, like any type not on the list', async (type) => {
    const res = await upload(Buffer.from('<script>alert(1)</script>'), type)
    expect(res.status).toBe(415)
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('file_type')
  })

  it('names a file of an unknown type .bin', () => {
    for (const type of TYPES) expect(safeName('page.html', type)).toBe('page.bin')
  })
})
