import { afterEach, describe, expect, it, vi } from 'vitest'
import { createHelpFeedback, type HelpFeedback } from '../../widgets/index.js'
import { ConfigError } from '../../src/errors/index.js'
import type { HelpFeedbackEvent } from '../../src/events.js'
import { stubTransport } from '../support/transport.js'

const transport = stubTransport()

let widget: HelpFeedback | undefined
afterEach(() => {
  widget?.destroy()
  widget = undefined
})

const hostOf = () => document.querySelector('[data-help-feedback]') as HTMLElement
const shadow = () => hostOf().shadowRoot!
const dialog = () => shadow().querySelector('[role=dialog]') as HTMLElement | null
const active = () => shadow().activeElement as HTMLElement | null

async function openByLauncher() {
  const launcher = shadow().querySelector('.launcher') as HTMLButtonElement
  launcher.focus()
  launcher.click()
  await vi.waitFor(() => expect(dialog()).not.toBeNull())
  return launcher
}

describe('widget shell', () => {
  it('mounts a shadow host with a launcher and no panel until opened', () => {
    widget = createHelpFeedback({ transport, locale: 'zh-CN' }).mount()
    const launcher = shadow().querySelector('.launcher') as HTMLButtonElement
    expect(launcher.textContent).toContain('帮助与反馈')
    expect(launcher.getAttribute('aria-expanded')).toBe('false')
    expect(dialog()).toBeNull()
  })

  it('opens from the launcher as a labelled modal dialog with the home entries, focus inside', async () => {
    const events: HelpFeedbackEvent[] = []
    widget = createHelpFeedback({ transport, locale: 'en', onEvent: (e) => events.push(e) }).mount()
    const launcher = await openByLauncher()
    const d = dialog()!
    expect(d.getAttribute('aria-modal')).toBe('true')
    expect(shadow().getElementById(d.getAttribute('aria-labelledby')!)?.textContent).toBe('Help & Feedback')
    expect([...d.querySelectorAll('[data-entry]')].map((b) => b.getAttribute('data-entry'))).toEqual([
      'chat',
      'report',
      'requests',
      'contact',
    ])
    expect(d.querySelector('[role=search] input')).not.toBeNull()
    expect(d.textContent).toMatch(/never ask for your password/)
    expect(launcher.getAttribute('aria-expanded')).toBe('true')
    await vi.waitFor(() => expect(active()?.getAttribute('type')).toBe('search'))
    expect(events.map((e) => e.type)).toContain('widget:open')
  })

  it('Escape closes and returns focus to the launcher', async () => {
    widget = createHelpFeedback({ transport, locale: 'en' }).mount()
    const launcher = await openByLauncher()
    // Focus moves into the dialog after it renders; Escape on the launcher would not close it.
    await vi.waitFor(() => expect(dialog()?.contains(active())).toBe(true))
    active()!.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }))
    await vi.waitFor(() => expect(dialog()).toBeNull())
    expect(shadow().querySelector('.frame')!.hasAttribute('hidden')).toBe(true)
    expect(active()).toBe(launcher)
    expect(widget.isOpen).toBe(false)
  })

  it('keeps Tab inside the dialog', async () => {
    widget = createHelpFeedback({ transport, locale: 'en' }).mount()
    await openByLauncher()
    const d = dialog()!
    const close = d.querySelector('[aria-label=Close]') as HTMLButtonElement
    // Until the transport has resolved, Home holds the support card's place (no control in it).
    await vi.waitFor(() => expect(d.querySelector('[data-card-pending]')).toBeNull())
    // The last focusable element: the safety notice's checker link, after the entries (this
    // transport has no chat, hours, requests nor articles, so no card or popular article loads below it).
    const last = d.querySelector('[data-open-checker]') as HTMLButtonElement
    last.focus()
    const ev = new KeyboardEvent('keydown', { key: 'Tab', bubbles: true, cancelable: true })
    last.dispatchEvent(ev)
    expect(ev.defaultPrevented).toBe(true)
    expect(active()).toBe(close)
    const back = new KeyboardEvent('keydown', { key: 'Tab', shiftKey: true, bubbles: true, cancelable: true })
    close.dispatchEvent(back)
    expect(active()).toBe(last)
  })

  it('keeps Tab inside the dialog while the transport is still loading', async () => {
    // A transport that takes a while (a lazily loaded chunk on a slow phone): until it is there,
    // Home holds the support card's place with a busy placeholder that has no control in it, so
    // the checker link stays the last one; Tab from it wraps to Close, before and after.
    let resolve: (t: typeof transport) => void = () => {}
    const slow = new Promise<typeof transport>((r) => (resolve = r))
    widget = createHelpFeedback({ transport: () => slow, locale: 'en' }).mount()
    await openByLauncher()
    const d = dialog()!
    const close = d.querySelector('[aria-label=Close]') as HTMLButtonElement
    const pending = d.querySelector('[data-card-pending]')!
    expect(pending.getAttribute('aria-busy')).toBe('true')
    expect(d.querySelector('[data-card-history]')).toBeNull()
    const last = d.querySelector('[data-open-checker]') as HTMLButtonElement
    const wraps = () => {
      last.focus()
      const ev = new KeyboardEvent('keydown', { key: 'Tab', bubbles: true, cancelable: true })
      last.dispatchEvent(ev)
      expect(ev.defaultPrevented).toBe(true)
      expect(active()).toBe(close)
    }
    wraps()
    resolve(transport)
    // Once it is known that this backend has no chat, the placeholder goes and no card comes.
    await vi.waitFor(() => expect(d.querySelector('[data-card-pending]')).toBeNull())
    expect(d.querySelector('[data-home-card]')).toBeNull()
    wraps()
  })

  it('navigates to an entry and back', async () => {
    widget = createHelpFeedback({ transport, locale: 'en' }).mount()
    await openByLauncher()
    ;(dialog()!.querySelector('[data-entry=contact]') as HTMLButtonElement).click()
    await vi.waitFor(() => expect(dialog()!.querySelector('h2')!.textContent).toBe('Contact us'))
    ;(dialog()!.querySelector('[aria-label=Back]') as HTMLButtonElement).click()
    await vi.waitFor(() => expect(dialog()!.querySelector('[data-entry]')).not.toBeNull())
  })

  it('open(view) from the host API opens that view', async () => {
    widget = createHelpFeedback({ transport, locale: 'zh-CN' })
    await widget.open('requests')
    await vi.waitFor(() => expect(dialog()!.querySelector('h2')!.textContent).toBe('我的反馈'))
  })

  it('applies theme, position, z-index, colours and the CSP nonce', () => {
    widget = createHelpFeedback({
      transport,
      theme: 'dark',
      position: 'bottom-left',
      zIndex: 99,
      nonce: 'n0nce',
      colors: { primary: '#e60012' },
    }).mount()
    const host = hostOf()
    expect(host.getAttribute('data-theme')).toBe('dark')
    expect(host.getAttribute('data-position')).toBe('bottom-left')
    expect(host.style.getPropertyValue('--hf-z')).toBe('99')
    expect(host.style.getPropertyValue('--hf-primary')).toBe('#e60012')
    const styles = [...shadow().querySelectorAll('style')]
    expect(styles.length).toBeGreaterThan(0)
    for (const s of styles) expect(s.nonce).toBe('n0nce')
    expect(document.head.querySelectorAll('style').length).toBe(0)
    widget.setTheme('light')
    expect(host.getAttribute('data-theme')).toBe('light')
  })

  it('launcher:false mounts no launcher; the host opens it with its own button', async () => {
    widget = createHelpFeedback({ transport, launcher: false }).mount()
    expect(shadow().querySelector('.launcher')).toBeNull()
    await widget.open()
    await vi.waitFor(() => expect(dialog()).not.toBeNull())
  })

  it('destroy leaves nothing in the page and emits widget:destroy', async () => {
    const before = document.body.innerHTML
    const events: string[] = []
    const w = createHelpFeedback({ transport, onEvent: (e) => events.push(e.type) }).mount()
    await w.open()
    await vi.waitFor(() => expect(dialog()).not.toBeNull())
    w.destroy()
    expect(document.body.innerHTML).toBe(before)
    expect(document.querySelector('[data-help-feedback]')).toBeNull()
    expect(events).toContain('widget:destroy')
    await w.open()
    expect(document.querySelector('[data-help-feedback]')).toBeNull()
  })

  it('bad look-and-placement options throw a ConfigError naming the path before anything is mounted', () => {
    expect(() => createHelpFeedback({ position: 'middle' as never })).toThrow(ConfigError)
    let path = ''
    try {
      createHelpFeedback({ colors: { primary: 'red;}' } })
    } catch (error) {
      path = (error as ConfigError).path
    }
    expect(path).toBe('options.colors.primary')
    expect(() => createHelpFeedback({ lanucher: false } as never)).toThrow(/did you mean "launcher"/)
    expect(document.querySelector('[data-help-feedback]')).toBeNull()
  })

  it('a bad core option is reported with its path when the panel loads, and the page keeps working', async () => {
    const events: HelpFeedbackEvent[] = []
    const spy = vi.spyOn(console, 'error').mockImplementation(() => {})
    widget = createHelpFeedback({ transport, user: { id: '' }, onEvent: (e) => events.push(e) })
    await widget.open()
    const error = events.find((e) => e.type === 'error')
    expect(error).toMatchObject({ code: 'config' })
    expect(error && 'message' in error && error.message).toContain('options.user.id')
    const alert = shadow().querySelector('.frame [role=alert]')!
    expect(alert.textContent).toMatch(/setup problem/)
    expect(alert.querySelector('button')).toBeNull()
    spy.mockRestore()
  })

  it("the setup message is in the page's locale, or the host's own words for it", async () => {
    const spy = vi.spyOn(console, 'error').mockImplementation(() => {})
    widget = createHelpFeedback({ transport, locale: 'zh-CN', user: { id: '' } })
    await widget.open()
    expect(shadow().querySelector('.frame [role=alert]')!.textContent).toBe('由于应用配置有误，帮助暂时不可用。')
    widget.destroy()
    const messages = { en: { 'panel.misconfigured': 'Support is being set up.' } }
    widget = createHelpFeedback({ transport, locale: 'en', user: { id: '' }, messages })
    await widget.open()
    expect(shadow().querySelector('.frame [role=alert]')!.textContent).toBe('Support is being set up.')
    spy.mockRestore()
  })
})

describe('capabilities', () => {
  it('without live chat the home entry offers to leave a message', async () => {
    const w = createHelpFeedback({ transport, locale: 'en' })
    try {
      await w.open()
      await (await w.client()).transport()
      await vi.waitFor(() =>
        expect(shadow().querySelector('[data-entry=chat] b')?.textContent).toBe('Leave us a message'),
      )
    } finally {
      w.destroy()
    }
  })
})

describe('home search with an input method', () => {
  it('does not search pinyin mid-composition, searches the composed text', async () => {
    const w = createHelpFeedback({
      transport,
      locale: 'zh-CN',
      articles: {
        articles: [{ id: 'a1', locale: 'zh-CN', title: '扣款未到账怎么办', body: '钱扣了但是没到账', tags: ['扣款'] }],
      },
    })
    try {
      await w.open()
      const input = await vi.waitFor(() => {
        const el = shadow().querySelector('input[type=search]') as HTMLInputElement | null
        expect(el).not.toBeNull()
        return el!
      })
      input.value = 'qian'
      input.dispatchEvent(new InputEvent('input', { bubbles: true, isComposing: true }))
      const results = () => shadow().querySelector('[id$=-home-results]')
      await new Promise((r) => setTimeout(r, 300))
      expect(results()).toBeNull()
      input.value = '扣款'
      input.dispatchEvent(new CompositionEvent('compositionend', { bubbles: true }))
      await vi.waitFor(() => expect(results()?.parentElement?.textContent).toContain('扣款未到账怎么办'), {
        timeout: 3000,
      })
    } finally {
      w.destroy()
    }
  })
})
