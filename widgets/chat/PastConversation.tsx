import { useEffect, useRef, useState } from 'preact/hooks'
import { readConversation, type ChatItem } from '../../src/chat/index.js'
import type { Conversation } from '../../src/types.js'
import { useStore, useView } from '../ui/context.js'
import { useSheet } from '../ui/useSheet.js'
import { chatCss } from './chatCss.js'
import { MessageList } from './MessageList.js'

const noRetry = () => undefined

/** An earlier conversation to read: its messages from the device or the backend, no composer. */
export function PastConversation({ id }: { id: string }) {
  const { client, t, locale } = useView()
  const online = useStore((s) => s.system.online)
  const root = useRef<HTMLElement>(null)
  const styled = useSheet('chat', chatCss, root)
  const [state, setState] = useState<{ conversation: Conversation; items: ChatItem[] } | 'loading' | 'error'>('loading')
  useEffect(() => {
    let live = true
    setState('loading')
    readConversation(client, id).then(
      (r) => live && setState(r),
      () => live && setState('error'),
    )
    return () => {
      live = false
    }
  }, [client, id])
  const loaded = typeof state === 'object' ? state : undefined
  return (
    <section ref={root} class="chat" data-chat-past={id} data-ready={loaded ? '' : undefined}>
      <div class="chat-head">
        <div class="status-line">
          <p role="status">
            {state === 'loading'
              ? t('chat.history.loading')
              : state === 'error'
                ? t('chat.history.loadFailed')
                : loaded!.conversation.status === 'ended'
                  ? t('chat.history.past')
                  : t('chat.history.status.active')}
          </p>
        </div>
        <div class="chat-actions">
          <button type="button" class="secondary small" data-autofocus onClick={() => client.navigate('chat')}>
            {t('chat.history.backToCurrent')}
          </button>
        </div>
      </div>
      {styled && loaded && (
        <MessageList items={loaded.items} agentReadSeq={0} online={online} locale={locale} t={t} onRetry={noRetry} />
      )}
    </section>
  )
}
