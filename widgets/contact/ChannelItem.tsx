import type { ComponentChildren } from 'preact'
import {
  describeStatus,
  hoursStatus,
  MAX_WAIT_MINUTES,
  weeklySummary,
  zoneName,
  type FormatContext,
} from '../../src/contact/index.js'
import type { ChannelKind, ContactChannel } from '../../src/contact/index.js'
import type { WaitHint } from '../../src/contact/index.js'
import type { MessageKey } from '../../src/i18n/index.js'
import type { BusinessHours } from '../../src/types.js'

export interface ItemProps {
  kind: ChannelKind
  /** The configured channel; chat and messages have none. */
  channel: ContactChannel | undefined
  recommended: boolean
  ctx: FormatContext
  /** The mailto: URL with the draft, for the email channel. */
  mailto?: string | undefined
  /**
   * The chat's status line, there from the start: 'checking' while the backend has not answered,
   * 'open' when it is open with no estimate, 'unknown' when it could not say.
   */
  wait?: WaitHint | 'checking' | 'open' | 'unknown' | undefined
  onChat(): void
  onMessages(): void
  onCopy(number: string): void
}

/** Every line the chat's status may show (`wait`), each with the most minutes a hint says (four digits). */
const WAIT_LINES = (['checking', 'unknown', 'now', 'minutes', 'peak', 'closed'] as const).map(
  (k): MessageKey => `contact.wait.${k}`,
)

/** "Open now · closes at 21:00" for a schedule, refreshed with the panel's minute clock. */
function Status({ hours, ctx }: { hours: BusinessHours; ctx: FormatContext }) {
  const status = hoursStatus(hours, ctx.now)
  return (
    <p class="ct-status" data-open={String(status.open)}>
      {describeStatus(status, hours.timeZone, ctx)}
    </p>
  )
}

/** The weekly schedule in the operator's zone, folded away until asked for. */
function Hours({ hours, ctx }: { hours: BusinessHours; ctx: FormatContext }) {
  const rows = weeklySummary(hours, ctx)
  if (rows.length === 0) return null
  return (
    <details>
      <summary>{ctx.t('contact.hours.title')}</summary>
      <dl class="ct-hours">
        {rows.map((r) => [<dt key={`d${r.days}`}>{r.days}</dt>, <dd key={`h${r.days}`}>{r.hours}</dd>])}
      </dl>
      <p class="ct-status">{ctx.t('contact.hours.zone', { zone: zoneName(hours.timeZone, ctx.locale, ctx.now) })}</p>
    </details>
  )
}

/** An outside link: marked so a native bridge can open it through the app instead of the WebView. */
function External({
  href,
  children,
  plain = false,
  newWindow,
  label,
}: {
  href: string
  children: ComponentChildren
  plain?: boolean
  /** Opens in a new window, which is said after the link text: the words to say. */
  newWindow?: string
  label?: string
}) {
  return (
    <a
      class={plain ? 'ct-link ct-plain' : 'ct-link'}
      href={href}
      data-hf-external=""
      {...(newWindow ? { target: '_blank', rel: 'noopener noreferrer' } : {})}
      {...(label ? { 'aria-label': label } : {})}
    >
      {children}
      {newWindow && <span class="sr-only"> {newWindow}</span>}
    </a>
  )
}

/** Whether it is open now, then the opening hours. */
function Schedule({ hours, ctx }: { hours: BusinessHours; ctx: FormatContext }) {
  return (
    <>
      <Status hours={hours} ctx={ctx} />
      <Hours hours={hours} ctx={ctx} />
    </>
  )
}

/** A channel's entries (social accounts, service points): one list item each. */
function Entries<T>({
  items,
  id,
  render,
}: {
  items: readonly T[]
  id(item: T): string
  render(item: T): ComponentChildren
}) {
  return (
    <ul class="ct-sub">
      {items.map((item) => (
        <li key={id(item)}>{render(item)}</li>
      ))}
    </ul>
  )
}

/** One channel card: name, status, the action (link or button) and its details. */
export function ChannelItem(props: ItemProps) {
  const { kind, channel, recommended, ctx } = props
  const { t } = ctx
  const newWindow = t('contact.newWindow')
  let body: ComponentChildren = null

  if (kind === 'hotline' && channel?.kind === 'hotline') {
    body = [
      <div class="ct-actions" key="a">
        <External href={channel.href} label={t('contact.hotline.call', { number: channel.number })}>
          <span class="ct-number">{channel.number}</span>
        </External>
        <button type="button" class="secondary" onClick={() => props.onCopy(channel.number)}>
          {t('contact.hotline.copy')}
        </button>
      </div>,
      channel.hours && <Schedule key="s" hours={channel.hours} ctx={ctx} />,
    ]
  } else if (kind === 'chat') {
    body = [
      <p key="h">{t('contact.chat.hint')}</p>,
      // The line takes the room of the longest thing it may come to say (a long queue: two lines
      // where "Checking…" took one), so the answer arriving moves nothing below it.
      <div key="w" class="ct-wait">
        {typeof props.wait == 'string' ? (
          <p class="ct-status" {...(props.wait == 'open' ? { 'data-open': 'true' } : { [`data-${props.wait}`]: '' })}>
            {t(props.wait == 'open' ? 'contact.wait.now' : `contact.wait.${props.wait}`)}
          </p>
        ) : (
          props.wait && (
            <p class="ct-status" data-open={String(props.wait.key !== 'contact.wait.closed')}>
              {t(props.wait.key, props.wait.params)}
            </p>
          )
        )}
        {WAIT_LINES.map((k) => (
          <span key={k} class="ct-fit" aria-hidden="true" data-text={t(k, { minutes: MAX_WAIT_MINUTES })} />
        ))}
      </div>,
      <div class="ct-actions" key="a">
        <button type="button" class="primary" onClick={props.onChat}>
          {t('contact.chat.start')}
        </button>
      </div>,
    ]
  } else if (kind === 'messages') {
    body = [
      <p key="h">{t('contact.messages.hint')}</p>,
      <div class="ct-actions" key="a">
        <button type="button" class="primary" onClick={props.onMessages}>
          {t('contact.messages.start')}
        </button>
      </div>,
    ]
  } else if (kind === 'email' && channel?.kind === 'email' && props.mailto) {
    body = [
      <div class="ct-actions" key="a">
        <External href={props.mailto}>{t('contact.email.write', { address: channel.address })}</External>
      </div>,
      <p key="h" class="ct-status">
        {t('contact.email.hint')}
      </p>,
      channel.hours && <Schedule key="s" hours={channel.hours} ctx={ctx} />,
    ]
  } else if (kind === 'website' && channel?.kind === 'website') {
    body = (
      <div class="ct-actions">
        <External href={channel.url} newWindow={newWindow}>
          {t('contact.website.open', { host: channel.host })}
        </External>
      </div>
    )
  } else if (kind === 'social' && channel?.kind === 'social') {
    body = (
      <Entries
        items={channel.accounts}
        id={(a) => a.url}
        render={(a) => (
          <External href={a.url} plain newWindow={newWindow}>
            {a.handle ? t('contact.social.handle', { name: a.name, handle: a.handle }) : a.name}
          </External>
        )}
      />
    )
  } else if (kind === 'servicePoints' && channel?.kind === 'servicePoints') {
    body = (
      <Entries
        items={channel.points}
        id={(p) => `${p.name}|${p.address}`}
        render={(p) => [
          <p key="n">
            <b>{p.name}</b>
          </p>,
          <address key="a">{p.address}</address>,
          p.hours && <Schedule key="s" hours={p.hours} ctx={ctx} />,
          p.mapUrl && (
            <External key="m" href={p.mapUrl} plain newWindow={newWindow}>
              {t('contact.servicePoint.map', { name: p.name })}
            </External>
          ),
        ]}
      />
    )
  }
  if (body === null) return null

  return (
    <li class="ct-item" data-channel={kind} {...(recommended ? { 'data-recommended': '' } : {})}>
      <div class="ct-head">
        <h3>{t(`contact.channel.${kind}` satisfies MessageKey)}</h3>
        {recommended && <span class="ct-badge">{t('contact.recommended')}</span>}
      </div>
      {body}
    </li>
  )
}
