import { createStore } from 'zustand/vanilla'
import type { SupportClient } from '../client.js'
import { UnauthorizedError } from '../errors/RequestErrors.js'
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
  let leaveChat: ((chat: ChatController, client: SupportClient) => void) | undefined
  const load = () => {
    if (loading) return loading
    const gen = generation
    loading = import('./controller.js').then((m) => {
      if (gen !== generation) throw new UnauthorizedError('signed out')
      leaveChat = m.leaveChat
      impl = m.createChatController(client, { store })
      if (visible) impl.setVisible(true)
      if (disposed) impl.dispose()
      return impl
    })
    return loading
  }

  // A chat belongs to the user it was opened for. Another user (or nobody) signs in: that
  // controller stops and its store is emptied (see `leaveChat`; the store holds something only
  // once the controller exists), a controller still loading is dropped, and the next call opens
  // the chat of the user signed in now.
  let user = client.store.getState().session.user?.id
  const offUser = client.store.subscribe((s) => {
    if (s.session.user?.id === user) return
    user = s.session.user?.id
    generation++
    const previous = impl
    impl = loading = undefined
    if (!previous) return
    leaveChat!(previous, client)
    // The next user's saved chat (if any) counts towards the badge, as on page load.
    if (!disposed) chat.resume().catch(() => undefined)
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
