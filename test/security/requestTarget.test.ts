import { connect } from 'node:net'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import type { RunningServer } from '../../examples/server/server.js'
import { deployment } from './helpers.js'

// The request line is the stranger's own text: Node's parser lets through absolute-form targets
// that `new URL` cannot parse (a bracketed host left open, a bad port). Each must be answered as
// the client's mistake, not as a server failure with a stack trace in the log.
let server: RunningServer
beforeAll(async () => {
  server = await deployment()
})
afterAll(() => server?.close())

/** One request sent as written (fetch and node:http would refuse or rewrite these targets). */
function send(target: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const socket = connect(server.port, '127.0.0.1')
    let text = ''
    socket.setEncoding('latin1')
    socket.on('data', (d: string) => (text += d))
    socket.on('error', reject)
    socket.on('close', () =>
      resolve({ status: Number(text.split(' ')[1]), body: text.slice(text.indexOf('\r\n\r\n') + 4) }),
    )
    socket.on('connect', () => socket.end(`GET ${target} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`))
  })
}

describe('request targets URL cannot parse', () => {
  it('answer 400 malformed_request and log nothing', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined)
    try {
      for (const target of ['http://[bad/v1/tickets', 'http://x:99999/v1/tickets', 'http://[::1/healthz']) {
        const res = await send(target)
        expect(res.status, target).toBe(400)
        expect(JSON.parse(res.body)).toMatchObject({ error: { code: 'malformed_request' } })
      }
      expect(logged).not.toHaveBeenCalled()
    } finally {
      logged.mockRestore()
    }
    // The server still answers.
    expect((await send('/healthz')).status).toBe(200)
  })
})
