import { createStore } from 'zustand/vanilla'
import type { SupportClient } from '../client.js'
import { UnauthorizedError } from '../errors/RequestErrors.js'
import { patch } from '../store/index.js'
import type { ChatActions } from './actions.js'
import type { ChatController } from './controller.js'
import { initialChatState, type ChatState } from './types.js'
import { CURRENT_KEY } from './keys.js'

type AsyncKey = {
  [K in keyof ChatController]: ChatController[K] extends (...args: never[]) => Promise<unknown> ? K : never
}[keyof ChatController]

/**
 * `client.chat`: the chat controller, whose code (state machine, message list, transcript)
 * loads on the first call that needs it, so the client stays small until the chat is used.
 * `store` exists at once (idle); the synchronous calls are no-ops until then.
 */
export function lazyChat(client: SupportClient): ChatController {
  const store = createStore<ChatState>()(initialChatState)
  let impl: ChatController | undefined
  let loading: Promise<ChatController> | undefined
  let visible = false
  let disposed = false
  // Bumped when the signed-in user changes: a controller loading for the previous user is not used.
  let generation = 0
  const load = () => {
    if (loading) return loading
    const gen = generation
    loading = import('./controller.js').then(({ createChatController }) => {
      if (gen !== generation) throw new UnauthorizedError('signed out')
      impl = createChatController(client, { store })
      if (visible) impl.setVisible(true)
      if (disposed) impl.dispose()
      return impl
    })
    return loading
  }

  // A chat belongs to the user it was opened for. Another user (or nobody) signs in: that
  // controller stops (its transcript is saved in its user's scope, its calls fail, nothing more
  // goes to the outbox), the store is emptied (Home's card, the chat view and the badge forget
  // it), and the next call opens the chat of the user signed in now.
  let user = client.store.getState().session.user?.id
  const leave = () => {
    generation++
    const previous = impl
    impl = undefined
    loading = undefined
    previous?.dispose()
    store.setState(initialChatState(), true)
    if (client.store.getState().system.unread !== 0) {
      patch(client.store, 'system', { unread: 0 })
      client.events.emit({ type: 'unread:change', count: 0 })
    }
    // The previous user's chat was running: the next user's saved chat (if any) counts towards the badge.
    if (previous && !disposed) chat.resume().catch(() => undefined)
  }
  const offUser = client.store.subscribe((s) => {
    const next = s.session.user?.id
    if (next === user) return
    user = next
    leave()
  })
  const later = <K extends AsyncKey>(key: K) =>
    ((...args: unknown[]) =>
      load().then((c) => (c[key] as (...a: unknown[]) => Promise<unknown>)(...args))) as unknown as ChatController[K]
  const actions: { [K in keyof ChatActions]: ChatActions[K] } = {
    checkAvailability: later('checkAvailability'),
    send: later('send'),
    sendImage: later('sendImage'),
    sendTransaction: later('sendTransaction'),
    retry: later('retry'),
    requestSenior: later('requestSenior'),
    end: later('end'),
    rate: later('rate'),
    leaveMessage: later('leaveMessage'),
    newChat: later('newChat'),
    skipRating: () => impl?.skipRating(),
  }
  const chat: ChatController = {
    ...actions,
    store,
    open: later('open'),
    // The chat code loads only when a conversation is saved (one storage read decides).
    async resume() {
      const { store: kv } = await client.services()
      if (!(await kv.get<string>(CURRENT_KEY).catch(() => undefined))) return false
      return (await load()).resume()
    },
    sync: later('sync'),
    typed: () => impl?.typed(),
    setVisible(v) {
      visible = v
      impl?.setVisible(v)
    },
    transcript: () => impl?.transcript(),
    dispose() {
      disposed = true
      offUser()
      impl?.dispose()
    },
  }
  return chat
}
