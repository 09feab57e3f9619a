import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { axe, launch, type Page, type Session } from './browser.js'
import { e2eAgentKey as agentKey, startE2eServer } from './e2eServer.js'

// A server of its own: this file reads the user's place in the chat queue, and on the shared
// server the chats other files left queued (whichever ran before) would stand ahead of it.
let own: Awaited<ReturnType<typeof startE2eServer>> | undefined
let baseUrl: string
let user: Session

beforeAll(async () => {
  own = await startE2eServer()
  baseUrl = own.server.url
  user = await launch({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true })
})
afterAll(async () => {
  await user?.close()
  await own?.close()
})

async function agent<T>(path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${baseUrl}/v1/agent${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { 'X-Agent-Key': agentKey, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  })
  expect(res.ok).toBe(true)
  return (res.status === 204 ? undefined : await res.json()) as T
}

async function openConversation(userId: string): Promise<string> {
  let id: string | undefined
  await expect
    .poll(async () => {
      const list = await agent<Array<{ id: string; userId: string; status: string }>>('/conversations')
      id = list.find((c) => c.userId === userId && c.status !== 'ended')?.id
      return id
    })
    .toBeTruthy()
  return id!
}

const w = (page: Page, sel: string) => page.locator(`[data-help-feedback] >> ${sel}`)
const statusText = (page: Page) => w(page, '.chat-head [role=status]').textContent()
const actionLabels = (page: Page) => w(page, '.chat-actions button').allTextContents()
const eventLines = (page: Page) =>
  w(page, '[data-row][data-event]').evaluateAll((rows) =>
    rows.map((r) => `${r.getAttribute('data-event')}: ${r.textContent}`),
  )

async function send(page: Page, text: string) {
  const input = w(page, '.composer textarea')
  await input.fill(text)
  await input.press('Enter')
}

describe('chat continuity in Chromium (zh-CN, phone) against the reference server', () => {
  it('queue wording, controls that apply, system lines, the shared rating scale, the badge, and chats kept after a reload', async () => {
    const { page } = user
    const userId = `e2e-continuity-${Date.now()}`
    await page.route('**/v1/availability', (r) =>
      r.fulfill({
        status: 200,
        contentType: 'application/json',
        body: JSON.stringify({ agentsOnline: 1, queueLength: 0, open: true, expectedWaitSeconds: 120 }),
      }),
    )
    await page.goto(`${baseUrl}/?locale=zh-CN&user=${userId}`)
    await page.getByTestId('help-entry').click()

    // Home: nothing ongoing yet, but when an agent would answer.
    await expect
      .poll(() => w(page, '[data-home-card] [data-card-reply]').textContent())
      .toBe('客服通常在 2 分钟内回复。')
    await w(page, '[data-entry=chat]').click()
    await w(page, '.chat[data-ready]').waitFor()

    // The idle chat says what to do instead of showing an empty list.
    await expect.poll(() => w(page, '[data-chat-intro] h3').textContent()).toBe('请问有什么可以帮您？')
    expect(await axe(page)).toEqual([])

    // Nobody else waits on this server: this chat is the whole queue.
    expect(await agent<Array<{ status: string }>>('/conversations')).toEqual([])
    await send(page, '你好，我的转账一直在处理中')
    await w(page, '[data-status=queued]').waitFor()
    // Number 1 in the queue is "排第 1 位", never "1 person ahead of you".
    expect(await statusText(page)).toBe('您在队列中排第 1 位，请稍候。')
    // Queued: no senior agent, no end, no transcript to download yet.
    expect(await actionLabels(page)).toEqual([])
    expect(await axe(page)).toEqual([])

    // Home shows the ongoing chat and leads back to it.
    await page.keyboard.press('Escape')
    await page.getByTestId('help-entry').click()
    await expect.poll(() => w(page, '[data-home-card] [data-card-chat]').getAttribute('data-card-chat')).toBe('queued')
    expect(await w(page, '[data-home-card] [data-card-chat] p').textContent()).toBe('在线客服：您在队列中排第 1 位')
    expect(await axe(page)).toEqual([])
    await w(page, '[data-home-card] [data-card-chat] button').click()
    await w(page, '.chat[data-ready]').waitFor()

    const id = await openConversation(userId)
    await agent(`/conversations/${id}/messages`, { agentName: '王芳', text: '您好，我来帮您查一下。' })
    await w(page, '[data-status=active]').waitFor()
    await expect.poll(() => eventLines(page)).toEqual(['joined: 王芳 已加入会话。'])
    expect(await actionLabels(page)).toEqual(['转接高级客服', '结束会话', '下载聊天记录'])
    await agent(`/conversations/${id}/messages`, { agentName: '李明', text: '我是高级客服李明。' })
    await expect.poll(() => eventLines(page)).toEqual(['joined: 王芳 已加入会话。', 'transferred: 已转接给 李明。'])
    expect(await axe(page)).toEqual([])

    // The badge: closed panel, an agent reply, the launcher opens that conversation, not Home.
    await page.keyboard.press('Escape')
    await agent(`/conversations/${id}/messages`, { agentName: '李明', text: '请问还在吗？' })
    await expect.poll(() => w(page, '.launcher .badge').textContent()).toBe('1')
    await w(page, '.launcher').click()
    await w(page, '.chat[data-ready]').waitFor()
    await expect.poll(() => w(page, '[data-row] .text').allTextContents()).toContain('请问还在吗？')

    await agent(`/conversations/${id}/end`, {})
    await w(page, '[data-rating-scale]').waitFor()
    await expect
      .poll(() => eventLines(page))
      .toEqual(['joined: 王芳 已加入会话。', 'transferred: 已转接给 李明。', 'ended: 会话已结束。'])
    // One scale with words on screen, the same the tickets use.
    expect(await w(page, '[data-rating-scale] .hf-scale-word').allTextContents()).toEqual([
      '很不满意',
      '不满意',
      '一般',
      '满意',
      '非常满意',
    ])
    expect(
      await w(page, '[data-rating-scale] input').evaluateAll((els) => els.map((e) => e.getAttribute('aria-label'))),
    ).toEqual([
      '1 分（满分 5 分）：很不满意',
      '2 分（满分 5 分）：不满意',
      '3 分（满分 5 分）：一般',
      '4 分（满分 5 分）：满意',
      '5 分（满分 5 分）：非常满意',
    ])
    expect(await actionLabels(page)).toEqual(['下载聊天记录', '开始新的会话'])
    expect(await axe(page)).toEqual([])
    await w(page, '[data-rating-scale] [data-score="4"] input').check()
    await w(page, 'form.rating button[type=submit]').click()
    await expect.poll(() => w(page, '.chat > .status').textContent()).toBe('感谢您的评价。')

    // After a reload the panel comes back on the chat, ended; from Home it is in My requests.
    await page.reload()
    await w(page, '.chat[data-ready]').waitFor()
    // Resumed, it passes through 'rating' until the saved "rated" is applied: not asked again.
    await expect.poll(() => w(page, '.chat').getAttribute('data-chat-status')).toBe('ended')
    await w(page, 'button[aria-label="返回"]').click()
    await w(page, '[data-card-history]').click()
    const row = w(page, `[data-conversations] [data-conversation="${id}"]`)
    await row.waitFor()
    expect(await row.getAttribute('data-status')).toBe('ended')
    expect(await axe(page)).toEqual([])
    await row.click()
    await expect
      .poll(() => w(page, '[data-row] .text').allTextContents())
      .toEqual(['你好，我的转账一直在处理中', '您好，我来帮您查一下。', '我是高级客服李明。', '请问还在吗？'])

    // A new chat: the list has it as ongoing and the old one as past, readable without a composer.
    await w(page, '.chat-actions button').filter({ hasText: '开始新的会话' }).click()
    await w(page, '[data-chat-intro]').waitFor()
    await send(page, '还有一个问题')
    await w(page, '[data-status=queued]').waitFor()
    await page.keyboard.press('Escape')
    await page.getByTestId('help-entry').click()
    await w(page, '[data-card-history]').click()
    await expect
      .poll(() =>
        w(page, '[data-conversations] [data-conversation]').evaluateAll((els) =>
          els.map((e) => e.getAttribute('data-status')),
        ),
      )
      .toEqual(['queued', 'ended'])
    await w(page, `[data-conversations] [data-conversation="${id}"]`).click()
    await w(page, `[data-chat-past="${id}"][data-ready]`).waitFor()
    await expect.poll(() => w(page, '[data-row] .text').allTextContents()).toContain('我是高级客服李明。')
    expect(await w(page, '.composer').count()).toBe(0)
    expect(await axe(page)).toEqual([])
  }, 150_000)
})
