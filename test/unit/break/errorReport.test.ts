import 'fake-indexeddb/auto'
import { afterEach, describe, expect, it } from 'vitest'
import { createSupportClient, errorCode, type SupportClient } from '../../../src/index.js'

// README, API: "Every error the SDK throws has a stable `code` (… `file_too_large`…) and a
// localized message (`error.<code>` …)"; headless use: `report(error)` returns "its localized
// message"; "a chat action that fails rejects too (`unsupported`, `not_found`, `file_type`…)".
// A host building its own chat UI on the headless client shows `client.report(e)` for a picked
// file the chat refuses. It gets the catalog's template with its placeholders unfilled:
// "{name} is not a supported file type.", "{name} 文件过大（最大 {max}）。" — although the error
// knows the file (its English message reads "notes.txt: type not allowed"). The panel's own
// chat fills them in ("notes.txt 的文件类型不受支持。").
const clients: SupportClient[] = []
afterEach(() => clients.splice(0).forEach((c) => c.destroy()))

async function refusal(locale: 'en' | 'zh-CN', file: File): Promise<{ code: string | undefined; text: string }> {
  const client = createSupportClient({ transport: { type: 'memory' }, locale, user: { id: 'u-report' } })
  clients.push(client)
  await client.chat.open()
  await client.chat.send('hi')
  const error = await client.chat.sendImage(file).then(
    () => undefined,
    (e: unknown) => e,
  )
  return { code: errorCode(error), text: client.report(error) }
}

describe('client.report() of a file the chat refuses (memory transport)', () => {
  it('names the file of the wrong type, in English and Chinese', async () => {
    for (const locale of ['en', 'zh-CN'] as const) {
      const { code, text } = await refusal(locale, new File(['hello'], 'notes.txt', { type: 'text/plain' }))
      expect(code).toBe('file_type')
      expect(text).toContain('notes.txt')
      expect(text).not.toMatch(/\{\w+\}/)
    }
  })

  it('names the file too large and the limit', async () => {
    const big = new File([new Uint8Array(11 * 1024 * 1024)], 'big.png', { type: 'image/png' })
    const { code, text } = await refusal('zh-CN', big)
    expect(code).toBe('file_too_large')
    expect(text).toContain('big.png')
    expect(text).toContain('10 MB')
    expect(text).not.toMatch(/\{\w+\}/)
  })
})
