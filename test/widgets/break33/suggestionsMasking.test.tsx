import { fireEvent, screen, waitFor } from '@testing-library/preact'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { fakeTransport } from '../../support/fakeTransport.js'
import { closeClients, freshDevice, openPanel } from '../panelHarness.js'

// When the help index cannot load, the suggestions' box keeps its space until the user types
// again. Masking is not typing: it runs when the description loses focus, that is on the
// mousedown of a tap on Send (see the comment above HiddenNotice in ReportForm.tsx). Whatever
// moves then moves Send away before the mouseup, and the tap sends nothing.
beforeEach(() => {
  freshDevice()
  vi.stubGlobal('fetch', () => Promise.reject(new TypeError('Failed to fetch')))
})
afterEach(async () => {
  vi.unstubAllGlobals()
  await closeClients()
})

const description = () => document.querySelector('[data-field="description"] textarea') as HTMLTextAreaElement
const shownBox = () => document.querySelector<HTMLElement>('.hf-suggest:not([hidden])')
const settle = () => new Promise((r) => setTimeout(r, 600))

describe('the suggestions box, an index that cannot load, and masking', () => {
  it('masking a card number as the description loses focus does not give the space back', async () => {
    const fake = fakeTransport()
    openPanel(fake, 'report', {}, { locale: 'zh-CN', articles: { url: 'https://help.example/index.json' } })
    fireEvent.click(await screen.findByRole('button', { name: /^扣款未到账/ }))
    await waitFor(() =>
      expect((document.querySelector('[data-submit]') as HTMLButtonElement | null)?.disabled).toBe(false),
    )
    const el = description()
    el.focus()
    fireEvent.input(el, { target: { value: '用卡 4111 1111 1111 1111 付款，钱扣了但订单没有成功' } })
    expect(shownBox()).not.toBeNull()
    // The index could not load: the box keeps its space (nothing in it) until the next keystroke.
    await settle()
    await settle()
    expect(shownBox()).not.toBeNull()

    // The user taps Send: the description loses focus and its card number is masked.
    fireEvent.change(el)
    await waitFor(() => expect(el.value).toContain('************1111'))
    expect(shownBox()).not.toBeNull()
    // The user's next keystroke still gives it back.
    el.focus()
    fireEvent.input(el, { target: { value: `${el.value}？` } })
    expect(shownBox()).toBeNull()
  })
})
