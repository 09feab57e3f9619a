import { render } from 'preact'
import type { SupportClient } from '../../src/client.js'
import type { ViewName } from '../../src/events.js'
import type { Host } from '../host/host.js'
import { PanelContext } from '../ui/context.js'
import { Panel } from './Panel.js'
import { panelCss } from './panelCss.js'
import { addSheet } from '../host/sheets.js'
import { lazyViews } from './views.js'
import { afterPaint, startBackground } from './background.js'

export interface Runtime {
  client: SupportClient
  destroy(): void
}

let counter = 0

/**
 * The lazy half of the widget: the core client and the Preact panel. The panel is rendered
 * while open and unmounted when closed, so a closed widget holds no view state in the DOM.
 */
export async function startRuntime(ctx: {
  host: Host
  /** The core client (see `core.ts`), possibly already delivering the outbox. */
  client: SupportClient
  onOpenChange(open: boolean): void
  onUnread(count: number): void
  /** The view the panel is being opened on, if that is why the runtime loads. */
  view?: ViewName
  /** Which of the page's widgets this is (see host/reopen.ts). */
  tag?: string
}): Promise<Runtime> {
  const { client } = ctx
  // Storage, the outbox and a chat saved by an earlier page start once the panel has painted
  // (see background.ts): the first open fetches only what Home shows. A chat view being opened
  // loads the chat code itself.
  let stopBackground: (() => void) | undefined
  let started = false
  // Started once; an idle wait still pending starts over (the panel has just painted, so the
  // next idle period comes after that paint, not in the gap before it).
  const background = () => {
    if (started && !stopBackground) return
    started = true
    stopBackground?.()
    stopBackground = afterPaint(() => {
      stopBackground = undefined
      // With a conversation under way, fetch the chat view and its strings now, so reopening it
      // does not wait on the lazy-loading chain.
      void startBackground(client, () => void lazyViews.chat(client).catch(() => {})).catch(() => {})
    })
  }

  // The view being opened fetches its chunk and strings now, alongside the first strings,
  // not once the panel renders and asks for it.
  if (ctx.view && ctx.view !== 'home') void lazyViews[ctx.view]?.(client).catch(() => {})

  // The first render waits for the locale's core strings (their own small chunk); Home's help
  // strings come with its popular articles, after the first paint.
  await client.ready().catch(() => {})
  // A conversation saved by an earlier page resumes when the page is idle, open or not, so agent
  // replies count towards the launcher badge before the user reopens the chat (the chat code
  // loads only when one is saved). Not before the strings are here: the idle gap while they load
  // often ends with the panel being opened (a hover, then a tap), and storage must not arrive
  // before it shows. Loaded to open the panel, it waits for the first paint (see sync below); an
  // open that comes once this runtime is ready renders before this idle wait ends, and restarts it.
  if (!ctx.view) background()
  // After the host's sheet (which set the nonce), before the views' (see host/sheets.ts).
  addSheet(ctx.host.root, 'panel', panelCss)
  const value = { client, idPrefix: `hf${++counter}`, styleRoot: ctx.host.root, tag: ctx.tag ?? '' }

  let rendered = false
  const sync = () => {
    const { ui, system, session } = client.store.getState()
    if (ui.isOpen) {
      // The frame may hold the plain-DOM loading notice; Preact must start from an empty node.
      if (!rendered) ctx.host.frame.replaceChildren()
      rendered = true
      render(
        <PanelContext.Provider value={value}>
          {/* Another user (or none): nothing the views hold of the previous one survives. */}
          <Panel key={session.user?.id ?? ''} />
        </PanelContext.Provider>,
        ctx.host.frame,
      )
      // After the first paint (loaded on intent, a pending idle wait starts over from here).
      background()
    } else if (rendered) {
      render(null, ctx.host.frame)
      rendered = false
    }
    ctx.onOpenChange(ui.isOpen)
    ctx.onUnread(system.unread)
  }
  let last = client.store.getState()
  const unsubscribe = client.store.subscribe((s) => {
    if (
      s.ui.isOpen !== last.ui.isOpen ||
      s.system.unread !== last.system.unread ||
      (s.ui.isOpen && s.session.user?.id !== last.session.user?.id)
    )
      sync()
    last = s
  })
  // A chat resumed by an earlier runtime may have counted unread replies already.
  if (last.system.unread) ctx.onUnread(last.system.unread)

  return {
    client,
    destroy() {
      stopBackground?.()
      unsubscribe()
      render(null, ctx.host.frame)
      client.destroy()
    },
  }
}
