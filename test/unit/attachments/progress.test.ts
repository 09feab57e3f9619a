import { describe, expect, it } from 'vitest'
import { onUploadProgress, type UploadProgress } from '../../../src/attachments/progress.js'
import type { OutboxJob } from '../../../src/outbox/index.js'
import { deliver } from '../../../src/services.js'
import { noCapabilities, type Transport } from '../../../src/transports/types.js'
import { newTicket, ticketInput } from '../../support/fixtures.js'

const job = (files: Array<{ blob: Blob; name: string; type: string }>): OutboxJob =>
  ({
    id: 'job-1',
    kind: 'ticket',
    idempotencyKey: 'k',
    attempts: 0,
    retryDelayMs: 0,
    state: 'sending',
    createdAt: 0,
    updatedAt: 0,
    seq: 0,
    payload: {
      input: ticketInput('s'),
      files,
    },
  }) as OutboxJob

function transport(upload: NonNullable<Transport['uploadAttachment']>): Transport {
  return {
    name: 'fake',
    capabilities: { ...noCapabilities, tickets: true, attachments: true },
    identify: async () => ({ userId: 'u' }),
    createTicket: async (input) => newTicket(input),
    uploadAttachment: upload,
  }
}

describe('upload progress', () => {
  it('passes the transport an onUploadProgress and relays its events per file, then done', async () => {
    const seen: UploadProgress[] = []
    const stop = onUploadProgress((p) => seen.push(p))
    const blob = new Blob([new Uint8Array(10)], { type: 'image/png' })
    await deliver(
      transport(async (file, meta, o) => {
        o.onUploadProgress?.(4, 10)
        o.onUploadProgress?.(10, 10)
        return { id: 'a', name: meta.name, type: meta.type, size: file.size }
      }),
      job([{ blob, name: 'screenshot-1.png', type: 'image/png' }]),
      { idempotencyKey: 'k', signal: new AbortController().signal },
    )
    stop()
    expect(seen.map((p) => [p.jobId, p.name, p.size, p.loaded, p.phase])).toEqual([
      ['job-1', 'screenshot-1.png', 10, 4, 'uploading'],
      ['job-1', 'screenshot-1.png', 10, 10, 'uploading'],
      ['job-1', 'screenshot-1.png', 10, 10, 'done'],
    ])
  })

  it('says failed when the upload throws, and the error still reaches the outbox', async () => {
    const seen: UploadProgress[] = []
    const stop = onUploadProgress((p) => seen.push(p))
    const blob = new Blob([new Uint8Array(3)], { type: 'image/png' })
    await expect(
      deliver(
        transport(async () => {
          throw new Error('boom')
        }),
        job([{ blob, name: 'x.png', type: 'image/png' }]),
        { idempotencyKey: 'k', signal: new AbortController().signal },
      ),
    ).rejects.toThrow('boom')
    stop()
    expect(seen.map((p) => p.phase)).toEqual(['failed'])
  })
})
