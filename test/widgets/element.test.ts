import { describe, expect, it, vi } from 'vitest'
import '../../widgets/element.js'
import type { HelpFeedbackElement } from '../../widgets/element.js'

describe('<help-feedback>', () => {
  it('renders into its own shadow root, follows attributes, and cleans up on removal', async () => {
    document.body.innerHTML = '<help-feedback locale="zh-CN" theme="dark" position="bottom-left"></help-feedback>'
    const el = document.querySelector('help-feedback') as HelpFeedbackElement
    const root = el.shadowRoot!
    expect(root.querySelector('.launcher')!.textContent).toContain('帮助与反馈')
    expect(el.getAttribute('data-theme')).toBe('dark')
    el.setAttribute('locale', 'en')
    expect(root.querySelector('.launcher')!.textContent).toContain('Help & Feedback')
    await el.open()
    await vi.waitFor(() => expect(root.querySelector('[role=dialog]')).not.toBeNull())
    el.remove()
    expect(root.childNodes.length).toBe(0)
    expect(el.hasAttribute('data-theme')).toBe(false)
  })
})
