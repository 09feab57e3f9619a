import { render } from '@testing-library/preact'
import type { ComponentChildren } from 'preact'
import { createSupportClient, type SupportClient } from '../../src/client.js'
import type { HelpFeedbackEvent } from '../../src/events.js'
import type { SupportOptions } from '../../src/options/index.js'
import type { Article } from '../../src/types.js'
import { PanelContext } from '../../widgets/ui/context.js'
import { articlesTransport } from '../support/transport.js'

/** Render a help component inside a panel context with a real client over `articles`. */
export function mountHelp(
  ui: ComponentChildren,
  articles: Article[],
  clients: SupportClient[],
  options: SupportOptions = {},
) {
  const events: HelpFeedbackEvent[] = []
  const client = createSupportClient({
    transport: articlesTransport(),
    locale: 'zh-CN',
    articles: { articles },
    onEvent: (e) => events.push(e),
    ...options,
  })
  clients.push(client)
  const view = render(<PanelContext.Provider value={{ client, idPrefix: 't' }}>{ui}</PanelContext.Provider>)
  return { client, events, ...view, container: view.container as HTMLElement }
}
