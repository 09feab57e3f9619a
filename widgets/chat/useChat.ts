import { useEffect, useMemo, useState } from 'preact/hooks'
import type { ChatController, ChatState } from '../../src/chat/index.js'
import { usePanel } from '../ui/context.js'

/** The client's chat controller and its state; re-renders on every chat state change. */
export function useChat(): { chat: ChatController; state: ChatState } {
  const { client } = usePanel()
  const chat = useMemo(() => client.chat, [client])
  const [state, setState] = useState(() => chat.store.getState())
  useEffect(() => {
    setState(chat.store.getState())
    return chat.store.subscribe((s) => setState(s))
  }, [chat])
  return { chat, state }
}
