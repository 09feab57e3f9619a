import { fireEvent, screen, waitFor } from '@testing-library/preact'
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { loadArticles } from '../../scripts/indexArticles.js'
import type { Article } from '../../src/types.js'
import { fakeTransport } from '../support/fakeTransport.js'
import { closeClients, freshDevice, openPanel } from './panelHarness.js'

// README: "Suggested articles appear while the user describes a problem (`suggestion:open`
// event)". Under the report form's description: up to three articles once the text says
// enough; picking one opens it, and Back returns to the form as the user left it.
let articles: Article[]
beforeAll(() => {
  articles = loadArticles('examples/articles')
})
beforeEach(() => freshDevice())
afterEach(async () => {
  await closeClients()
})

const control = (name: string) =>
  document.querySelector(`[data-field="${name}"]`)!.querySelector('input,textarea,select') as HTMLInputElement
const results = () => [...document.querySelectorAll<HTMLButtonElement>('.help-suggest .help-result')]
const PROBLEM = '昨天付款的时候钱被扣了，但是商家说订单没有支付成功'

/** The report form, its category picked from the list (Back must not return to that list). */
async function reportForm() {
  const fake = fakeTransport()
  const panel = openPanel(fake, 'report', {}, { locale: 'zh-CN', articles: { articles } })
  fireEvent.click(await screen.findByRole('button', { name: /^扣款未到账/ }))
  await waitFor(() =>
    expect((document.querySelector('[data-submit]') as HTMLButtonElement | null)?.disabled).toBe(false),
  )
  return { ...panel, fake }
}

describe('suggested articles under the report description', () => {
  it('appear for a description that says enough, not for a few characters', async () => {
    await reportForm()
    fireEvent.input(control('description'), { target: { value: '转账' } })
    await new Promise((r) => setTimeout(r, 500))
    expect(document.querySelector('.help-suggest')).toBeNull()

    fireEvent.input(control('description'), { target: { value: PROBLEM } })
    await waitFor(() => expect(results().length).toBeGreaterThan(0), { timeout: 3000 })
    expect(results().length).toBeLessThanOrEqual(3)
    expect(results().map((b) => b.dataset.article)).toContain('zh-charged-not-received')
    // Under the description, before the screenshots.
    const field = document.querySelector('[data-field=description]')!
    expect(field.compareDocumentPosition(document.querySelector('.help-suggest')!)).toBe(
      Node.DOCUMENT_POSITION_FOLLOWING,
    )
  })

  it('opening one keeps the form: Back shows the same category with what was typed, focus on the description', async () => {
    const { client, events } = await reportForm()
    fireEvent.input(control('amount'), { target: { value: '128.50' } })
    fireEvent.input(control('description'), { target: { value: PROBLEM } })
    await waitFor(() => expect(results().length).toBeGreaterThan(0), { timeout: 3000 })
    const picked = results()[0]!.dataset.article
    fireEvent.click(results()[0]!)
    expect(events).toContainEqual({ type: 'suggestion:open', id: picked, from: 'report' })
    await waitFor(() => expect(document.querySelector('.help-article h3')).not.toBeNull(), { timeout: 3000 })

    fireEvent.click(screen.getByRole('button', { name: '返回' }))
    await waitFor(() => expect(control('description').value).toBe(PROBLEM))
    expect(document.querySelector('form.rf')!.getAttribute('data-category')).toBe('charged_not_received')
    expect(control('amount').value).toBe('128.50')
    expect(document.querySelector('[data-categories]')).toBeNull()
    await waitFor(() => expect(document.activeElement).toBe(control('description')))
    expect(client.store.getState().ui.view).toBe('report')
  })
})
