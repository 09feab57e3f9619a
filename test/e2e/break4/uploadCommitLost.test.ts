import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { expect, inject, it } from 'vitest'
import { openReport, panelText, restOptions, sessions, shadow } from '../break/host.js'

// A screenshot upload the server stored whose answer was lost, then the report itself likewise.
// The retries carry the keys of the first attempts (so the server replays instead of storing a
// second copy that would count on the user's daily upload quota), and the ticket holds the
// screenshot once.
const baseUrl = inject('baseUrl')
const agentKey = inject('agentKey')
const session = sessions()
const png = readFileSync(fileURLToPath(new URL('../../../docs/screenshots/checker.png', import.meta.url)))

it('an upload and a report cut after commit: retried with the same keys, one ticket with one screenshot', async () => {
  const s = await session.start()
  const user = `b4-upcut-${Date.now()}`
  const keys: { upload: string[]; ticket: string[] } = { upload: [], ticket: [] }
  await s.browser.route(`${baseUrl}/v1/{attachments,tickets}`, async (route) => {
    const req = route.request()
    if (req.method() !== 'POST') return route.continue()
    const kind = req.url().endsWith('/attachments') ? 'upload' : 'ticket'
    keys[kind].push(req.headers()['idempotency-key'] ?? '')
    if (keys[kind].length > 1) return route.continue()
    await route.fetch()
    return route.abort('connectionreset')
  })
  const page = await openReport(s, baseUrl, 'upcut', restOptions('en'), user)
  await shadow(page, '[data-field=description] textarea').fill('Charged but the shop says unpaid, screenshot attached')
  await shadow(page, 'input[type=file]')
    .first()
    .setInputFiles([{ name: 'shot.png', mimeType: 'image/png', buffer: png }])
  await expect.poll(() => panelText(page), { timeout: 15_000 }).toContain('Ready')
  await shadow(page, '[data-submit]').click()
  await shadow(page, '[data-result=sent],[data-result=queued]').first().waitFor({ timeout: 30_000 })
  await expect.poll(() => keys.ticket.length, { timeout: 60_000 }).toBeGreaterThan(1)
  await shadow(page, '[data-result=sent]').waitFor({ timeout: 60_000 })

  expect(keys.upload.length).toBeGreaterThan(1)
  expect(new Set(keys.upload).size, `upload keys ${JSON.stringify(keys.upload)}`).toBe(1)
  expect(new Set(keys.ticket).size, `ticket keys ${JSON.stringify(keys.ticket)}`).toBe(1)
  const list = (await (
    await fetch(`${baseUrl}/v1/agent/tickets`, { headers: { 'X-Agent-Key': agentKey } })
  ).json()) as Array<{
    id: string
    userId: string
  }>
  const mine = list.filter((t) => t.userId === user)
  expect(mine).toHaveLength(1)
  const detail = (await (
    await fetch(`${baseUrl}/v1/agent/tickets/${mine[0]!.id}`, { headers: { 'X-Agent-Key': agentKey } })
  ).json()) as { attachments: unknown[] }
  expect(detail.attachments).toHaveLength(1)
})
