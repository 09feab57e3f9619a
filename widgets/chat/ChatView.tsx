import { useEffect, useRef, useState } from 'preact/hooks'
import { canCompose, eventLine, lastSeq, listConversations, type ChatItem } from '../../src/chat/index.js'
import type { Translate } from '../../src/i18n/index.js'
import type { ViewProps } from '../panel/views.js'
import { usePanel, useStore, useView } from '../ui/context.js'
import { useSheet } from '../ui/useSheet.js'
import { ChatHeader } from './ChatHeader.js'
import { chatCss } from './chatCss.js'
import { Composer } from './Composer.js'
import { useKeyboardInset } from './keyboard.js'
import { LeaveMessage } from './LeaveMessage.js'
import { MessageList } from './MessageList.js'
import { Rating } from './Rating.js'
import { PastConversation } from './PastConversation.js'
import { useChat } from './useChat.js'
import { NavButton } from '../ui/NavButton.js'

function announcement(m: ChatItem, t: Translate): string {
  const name = m.authorName ?? t(m.author === 'agent' ? 'chat.author.agent' : 'chat.author.system')
  if (m.kind === 'event') return eventLine(m, t)
  if (m.kind === 'image') return t('chat.announce.image', { name })
  if (m.kind === 'transaction') return t('chat.announce.transaction', { name })
  return t('chat.announce.message', { name, text: m.text })
}

/** Announces messages from the agent (not the history, not the user's own) in a polite log. */
function useAnnouncements(items: readonly ChatItem[], ready: boolean, t: Translate): string[] {
  const baseline = useRef<number | undefined>(undefined)
  const [lines, setLines] = useState<string[]>([])
  useEffect(() => {
    if (!ready) return
    if (baseline.current === undefined) {
      baseline.current = lastSeq(items)
      return
    }
    // Newest first from the end: the list can be long, the news is short.
    const fresh: ChatItem[] = []
    for (let i = items.length - 1; i >= 0; i--) {
      const m = items[i]!
      if (m.localId !== undefined) continue
      if (m.seq <= baseline.current) break
      if (m.author !== 'user') fresh.unshift(m)
    }
    if (!fresh.length) return
    baseline.current = lastSeq(items)
    // A few lines are enough context; the log region reads only what was added.
    setLines((prev) => [...prev, ...fresh.map((m) => announcement(m, t))].slice(-3))
  }, [items, ready, t])
  return lines
}

/** What an empty chat says instead of a blank list: what to write, what to attach, where the old chats are. */
function Intro({ t }: { t: Translate }) {
  const { client } = usePanel()
  const [past, setPast] = useState(false)
  useEffect(() => {
    let live = true
    void listConversations(client).then(
      (rows) => live && setPast(rows.length > 0),
      () => undefined,
    )
    return () => {
      live = false
    }
  }, [client])
  return (
    <div class="chat-intro" data-chat-intro="">
      <h3>{t('chat.idle.title')}</h3>
      <p>{t('chat.idle.body')}</p>
      {past && (
        <NavButton class="secondary small" data-open-history="" to="requests" params={{ section: 'conversations' }}>
          {t('chat.idle.history')}
        </NavButton>
      )}
    </div>
  )
}

/**
 * The key `host/reopen.ts` reads after a reload. Spelled out, not imported: a value imported from
 * the entry's modules splits the entry into a facade and a shared chunk (one more request).
 */
const OPEN_CHAT = 'help-feedback:chat'

/** Live chat views showing in this page, by widget (each has its flag: see host/reopen.ts). */
const showing: Record<string, number> = {}

function tabFlag(tag: string, on: boolean): void {
  const n = (showing[tag] = Math.max(0, (showing[tag] ?? 0) + (on ? 1 : -1)))
  try {
    if (n > 0) sessionStorage.setItem(OPEN_CHAT + tag, '1')
    else sessionStorage.removeItem(OPEN_CHAT + tag)
  } catch {
    /* storage off (a sandboxed frame, some WebViews): a reload opens nothing */
  }
}

/** The live chat view (a lazy chunk of the panel); with `params.conversationId` of an earlier chat, that chat to read. */
export function ChatView({ params }: ViewProps) {
  const current = useChat().state.conversation?.id
  const id = typeof params.conversationId === 'string' ? params.conversationId : undefined
  // Opened on the current conversation, the view stays live when the user starts a new chat.
  const live = useRef(false)
  if (id && id === current) live.current = true
  return id && id !== current && !live.current ? <PastConversation id={id} /> : <LiveChat />
}

function LiveChat() {
  const { t, locale, tag = '' } = useView()
  const online = useStore((s) => s.system.online)
  const { chat, state } = useChat()
  const root = useRef<HTMLElement>(null)
  const [ready, setReady] = useState(false)
  const [thanked, setThanked] = useState(false)
  const inset = useKeyboardInset(root)
  // Styles travel with the chunk, with the panel's nonce.
  const styled = useSheet('chat', chatCss, root)
  const lines = useAnnouncements(state.items, ready, t)

  useEffect(() => {
    let live = true
    chat.open().then(
      () => live && setReady(true),
      () => live && setReady(true),
    )
    chat.setVisible(true)
    // Kept while it shows, so a reload of the page comes back on the chat (see host/reopen.ts).
    tabFlag(tag, true)
    return () => {
      live = false
      chat.setVisible(false)
      tabFlag(tag, false)
    }
  }, [chat, tag])

  useEffect(() => {
    // The panel focuses [data-autofocus] one frame after a view change, which can be before
    // this lazy chunk rendered; take focus then unless the user already moved it.
    const el = root.current
    if (!el) return
    const active = (el.getRootNode() as ShadowRoot | Document).activeElement
    if (!active || active.tagName === 'H2' || active === document.body)
      el.querySelector<HTMLElement>('[data-autofocus]')?.focus()
  }, [state.status])

  const { status } = state
  return (
    <section
      ref={root}
      class="chat"
      style={{ paddingBottom: `${inset}px` }}
      data-chat-status={status}
      data-ready={ready ? '' : undefined}
    >
      <ChatHeader chat={chat} state={state} t={t} locale={locale} />
      <p class="chat-safety" role="note">
        {t('chat.safety')}
      </p>
      {status === 'offline' && <LeaveMessage chat={chat} />}
      {styled && status === 'idle' && state.items.length === 0 && <Intro t={t} />}
      {styled && status !== 'offline' && status !== 'left' && !(status === 'idle' && state.items.length === 0) && (
        <MessageList
          items={state.items}
          agentReadSeq={state.agentReadSeq}
          online={online}
          locale={locale}
          t={t}
          onRetry={(id) => void chat.retry(id)}
        />
      )}
      <p class="typing" aria-hidden="true">
        {!state.agentTyping
          ? ''
          : state.conversation?.agent?.name
            ? t('chat.typing', { name: state.conversation.agent.name })
            : t('chat.typingAgent')}
      </p>
      {status === 'rating' && <Rating chat={chat} onDone={setThanked} />}
      {thanked && status === 'ended' && (
        <p class="status" role="status">
          {t('chat.rating.thanks')}
        </p>
      )}
      {canCompose(status) && state.conversation?.status !== 'ended' && <Composer chat={chat} locale={locale} />}
      <div class="sr-only" role="log" aria-live="polite" aria-atomic="false">
        {lines.map((line, i) => (
          <p key={`${i}:${line}`}>{line}</p>
        ))}
      </div>
    </section>
  )
}
