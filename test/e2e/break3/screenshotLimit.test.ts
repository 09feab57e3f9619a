import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, inject, it } from 'vitest'
import { openReport, panelText, restOptions, sessions, shadow } from '../break/host.js'

// The report form: "PNG, JPEG or WebP, up to 10 MB each. … You can attach up to 5." (its help
// text), and README: "A report the user wrote is never lost". A user first picks a GIF by
// mistake; the form refuses it ("anim.gif is not a supported file type") but keeps it as a row
// that counts towards the five. The user then picks their five screenshots: the form says "You
// have attached the maximum number of images. Attach at most 5 images." with four attached, and
// the ticket goes out with four of the five.
const baseUrl = inject('baseUrl')
const agentKey = inject('agentKey')
const session = sessions()
const png = readFileSync(fileURLToPath(new URL('../../../docs/screenshots/checker.png', import.meta.url)))
const gif = Buffer.from('R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==', 'base64')

describe('a refused file, then five screenshots', () => {
  it('keeps all five screenshots and sends them', async () => {
    const s = await session.start()
    const user = `shots-${Date.now()}`
    const page = await openReport(s, baseUrl, 'shots', restOptions('en'), user)
    await shadow(page, '[data-field=description] textarea').fill(
      'The pharmacy did not get my money, my card was charged',
    )
    const input = shadow(page, 'input[type=file]').first()
    await input.setInputFiles([{ name: 'anim.gif', mimeType: 'image/gif', buffer: gif }])
    await expect.poll(() => panelText(page)).toContain('anim.gif is not a supported file type')

    await input.setInputFiles(
      Array.from({ length: 5 }, (_, i) => ({ name: `shot${i + 1}.png`, mimeType: 'image/png', buffer: png })),
    )
    // Each picked screenshot is prepared on the device (decoded, resized) and stored there
    // ("Saving…"), then shows Ready, or "Not saved on this device" when the storing took too long
    // on a loaded machine (the file is kept in the page and sent all the same): five of them.
    await expect.poll(() => panelText(page), { timeout: 30_000 }).not.toMatch(/Preparing|Saving/)
    const text = await panelText(page)
    expect.soft(text.split('Ready').length + text.split('Not saved on this device').length - 2).toBe(5)
    expect.soft(await panelText(page)).not.toContain('Attach at most 5 images')

    await shadow(page, '[data-submit]').click()
    await shadow(page, '[data-result=sent]').waitFor({ timeout: 30_000 })
    const res = await fetch(`${baseUrl}/v1/agent/tickets`, { headers: { 'X-Agent-Key': agentKey } })
    const [ticket] = ((await res.json()) as Array<{ id: string; userId: string }>).filter((t) => t.userId === user)
    const detail = (await (
      await fetch(`${baseUrl}/v1/agent/tickets/${ticket!.id}`, { headers: { 'X-Agent-Key': agentKey } })
    ).json()) as { attachments: unknown[] }
    expect(detail.attachments).toHaveLength(5)
  })
})
