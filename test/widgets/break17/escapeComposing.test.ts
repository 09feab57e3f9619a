import { afterEach, describe, expect, it, vi } from 'vitest'
import { createHelpFeedback, type HelpFeedback } from '../../../widgets/index.js'
import { stubTransport } from '../../support/transport.js'

let widget: HelpFeedback | undefined
afterEach(() => {
  widget?.destroy()
  widget = undefined
})

const shadow = () => (document.querySelector('[data-help-feedback]') as HTMLElement).shadowRoot!
const dialog = () => shadow().querySelector('[role=dialog]') as HTMLElement | null

describe('Escape while an input method is composing', () => {
  it('is left to the input method: the query stays and the panel stays open', async () => {
    widget = createHelpFeedback({ transport: stubTransport(), locale: 'zh-CN' }).mount()
    ;(shadow().querySelector('.launcher') as HTMLButtonElement).click()
    await vi.waitFor(() => expect(dialog()?.querySelector('input[type=search]')).toBeTruthy())
    const box = dialog()!.querySelector('input[type=search]') as HTMLInputElement
    box.focus()
    box.value = '退款 tui'
    box.dispatchEvent(new Event('input', { bubbles: true }))
    // macOS Chromium and Safari deliver the Escape that closes the candidate window to the page,
    // marked as part of the composition (keyCode 229).
    const esc = new KeyboardEvent('keydown', {
      key: 'Escape',
      keyCode: 229,
      isComposing: true,
      bubbles: true,
      cancelable: true,
    })
    box.dispatchEvent(esc)
    expect(box.value).toBe('退款 tui')
    expect(dialog()).not.toBeNull()
    expect(widget.isOpen).toBe(true)
  })
})
