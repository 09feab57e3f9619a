import { useContext, useEffect, useMemo, useState } from 'preact/hooks'
import { isExternalHref, officialDomains } from '../../src/checker/external.js'
import { authorLabel, eventLine, linkify, mentionsSecret, messageTime, type ChatItem } from '../../src/chat/index.js'
import type { Translate } from '../../src/i18n/index.js'
import { PanelContext } from '../ui/context.js'

export interface RowProps {
  item: ChatItem
  index: number
  total: number
  /** Show "Read" under this (user) message. */
  read: boolean
  /** Offline, a message about to be sent is really waiting for the network. */
  online: boolean
  locale: string
  t: Translate
  onRetry(id: string): void
}

/** Message text as text nodes and http(s) links only: nothing is parsed as HTML. */
function Text({ text, t }: { text: string; t: Translate }) {
  // Optional: a row or article rendered on its own (tests, benches) has no panel around it.
  const client = useContext(PanelContext)?.client
  const domains = useMemo(() => officialDomains(client?.options.channels), [client])
  return (
    <p class="text">
      {linkify(text).map((s, i) => {
        if (s.type !== 'link') return s.text
        // Marked before it is opened: an agent (or someone posing as one) linking off our domains.
        const external = isExternalHref(s.href, domains)
        return (
          <a key={i} href={s.href} rel="noopener noreferrer" target="_blank" data-external={external ? '' : undefined}>
            {s.text}
            {external && <span class="ext-mark"> {t('checker.externalLink')}</span>}
          </a>
        )
      })}
    </p>
  )
}

/** Object URL for a not yet uploaded image, revoked when the row goes away. */
function usePreview(blob: Blob | undefined): string | undefined {
  const [url, setUrl] = useState<string | undefined>(undefined)
  useEffect(() => {
    if (!blob || typeof URL.createObjectURL !== 'function') return
    const u = URL.createObjectURL(blob)
    setUrl(u)
    return () => URL.revokeObjectURL(u)
  }, [blob])
  return url
}

function Body({ item, t, locale }: Pick<RowProps, 'item' | 't' | 'locale'>) {
  const preview = usePreview(item.preview)
  if (item.kind === 'transaction' && item.transaction) {
    const tx = item.transaction
    return (
      <div class="tx-card">
        <b>{t('chat.transaction.label', { id: tx.id })}</b>
        <span>
          {`${tx.amount} ${tx.currency}`}
          {tx.counterparty ? ` · ${tx.counterparty}` : ''}
        </span>
        <span class="muted">
          {new Date(tx.time).toLocaleString(locale, { dateStyle: 'medium', timeStyle: 'short' })}
        </span>
      </div>
    )
  }
  const alt = t(item.author === 'user' ? 'chat.image.alt' : 'chat.image.altAgent')
  const images = item.attachments.filter((a) => a.type.startsWith('image/') && a.url)
  return (
    <>
      {preview && images.length === 0 && <img class="shot" src={preview} alt={alt} />}
      {images.map((a) => (
        <img key={a.id} class="shot" src={a.url} alt={alt} loading="lazy" />
      ))}
      {item.text && <Text text={item.text} t={t} />}
    </>
  )
}

/** One message: bubble, author, time, sending state or retry, read receipt, safety note. */
export function MessageRow({ item, index, total, read, online, locale, t, onRetry }: RowProps) {
  const common = {
    role: 'listitem' as const,
    'data-row': '',
    'data-id': item.id,
    'data-index': index,
    'aria-posinset': index + 1,
    'aria-setsize': total,
  }
  if (item.kind === 'event') {
    return (
      <div {...common} class="row event" data-event={item.text}>
        <p>{eventLine(item, t)}</p>
      </div>
    )
  }
  const who = authorLabel(item, t)
  return (
    <div {...common} class={`row ${item.author}`} data-state={item.state}>
      <div class="bubble">
        <span class={item.author === 'user' ? 'sr-only' : 'who'}>{who}</span>
        <Body item={item} t={t} locale={locale} />
        {item.author === 'agent' && mentionsSecret(item.text) && (
          <p class="warn" role="note">
            {t('chat.secretWarning')}
          </p>
        )}
      </div>
      <div class="meta">
        <span>{messageTime(item.createdAt, locale)}</span>
        {item.state === 'sending' && online && <span>{t('chat.state.sending')}</span>}
        {(item.state === 'queued' || (item.state === 'sending' && !online)) && <span>{t('chat.state.queued')}</span>}
        {item.state === 'failed' && (
          <button type="button" class="retry" onClick={() => onRetry(item.id)}>
            {t('chat.state.failed')}
          </button>
        )}
        {read && <span>{t('chat.state.read')}</span>}
      </div>
    </div>
  )
}
