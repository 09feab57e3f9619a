import { useEffect, useMemo, useRef, useState } from 'preact/hooks'
import {
  buildContactModel,
  channelGuidance,
  deviceTimeZone,
  emailDraft,
  buildMailto,
  formatDateKey,
  hoursStatus,
  problemLabelKey,
  READY_ITEMS,
  upcomingHolidays,
  waitHint,
  type ChannelKind,
  type FormatContext,
} from '../../src/contact/index.js'
import { REPORT_CATEGORIES } from '../../src/reports/categoryIds.js'
import { isTransactionRef } from '../../src/reports/transactions.js'
import type { Availability } from '../../src/types.js'
import type { ViewProps } from '../panel/views.js'
import { useStore, useView } from '../ui/context.js'
import { ChannelItem } from './ChannelItem.js'
import { contactCss, useSheet } from './styles.js'
import { useMinuteClock } from './useMinuteClock.js'

const REFERENCE = /^[A-Za-z0-9][A-Za-z0-9_./:-]{0,63}$/
const MAX_HOLIDAYS = 8

/**
 * The contact panel: `open('contact', { problem?, reference?, transaction? })`. Channels are
 * ordered by the problem (urgent money problems: hotline and chat first), each with its live
 * open/closed state; the official-channels notice sits right above them.
 */
export function ContactView({ params }: ViewProps) {
  const { client, idPrefix, t, locale } = useView()
  const ref = useRef<HTMLDivElement>(null)
  useSheet('contact', contactCss, ref)
  const capabilities = useStore((s) => s.system.capabilities)
  const now = useMinuteClock()
  const [availability, setAvailability] = useState<Availability | undefined>(undefined)
  const [copied, setCopied] = useState('')

  const problem = REPORT_CATEGORIES.find((c) => c === params.problem)
  const reference =
    typeof params.reference === 'string' && REFERENCE.test(params.reference) ? params.reference : undefined
  const model = useMemo(() => buildContactModel(client.options.channels), [client])

  // Whether chat is open decides the order of the channels (a closed chat is not put first), so
  // the list waits for that answer, or for a moment at most: reordered or pushed down once shown,
  // a channel would move under the user's finger. Once shown, its order stays (see `shown`).
  // Chat and written messages are offered by the transport: the list waits for its code too (its
  // capabilities, or the answer above failing when it cannot load), not to add them at the end of
  // a list already shown. Not for more than 3 s: on a slow network the hotline the app configured
  // shows, and chat and messages join at the end when the code arrives. An app that configured
  // none has nothing to show early: "no channels" would be untrue while chat is on its way.
  const [answered, setAnswered] = useState(false)
  const [late, setLate] = useState(0)
  // Until the transport's channels are known, what sits below the list is not shown: "Loading" or
  // a list shown early would be replaced or grown above it, moving it under the user's finger.
  const partial = !answered && capabilities === undefined
  useEffect(() => {
    let live = true
    const timers = [700, 3000].map((ms, i) => setTimeout(() => setLate(i + 1), ms))
    // Capabilities come with the transport; the queue estimate only when the backend has chat.
    client.contact
      .availability()
      .then((a) => live && a && setAvailability(a))
      .catch(() => {})
      .finally(() => live && setAnswered(true))
    return () => {
      live = false
      timers.forEach(clearTimeout)
    }
  }, [client])
  const shown = useRef<ChannelKind[] | null>(null)

  const ctx: FormatContext = { t, locale, displayTimeZone: deviceTimeZone(), now }
  const byKind = new Map(model.channels.map((c) => [c.kind as ChannelKind, c]))
  const available: ChannelKind[] = [...byKind.keys()]
  if (capabilities?.chat) available.push('chat')
  if (capabilities?.tickets) available.push('messages')
  const hotline = byKind.get('hotline')
  const openNow: Partial<Record<ChannelKind, boolean>> = {}
  if (hotline?.kind === 'hotline' && hotline.hours) openNow.hotline = hoursStatus(hotline.hours, now).open
  if (availability) openNow.chat = availability.open
  const wait = waitHint(availability)
  const guidance = channelGuidance({ problem, available, openNow, busy: wait?.peak ?? false })
  // An urgent problem with the hotline closed: chat, the channel to use now, would join at the
  // end of a list shown early; that list waits for it, as for an app with no channels of its own.
  // A hotline without hours is open as far as the guidance knows: it shows early.
  const early = model.channels.length > 0 && (guidance.urgency !== 'urgent' || (!!hotline && openNow.hotline !== false))
  const settled = answered || (late > 0 && capabilities !== undefined) || (late > 1 && early)
  if (settled) {
    // The first order shown stays; a channel that comes or goes later is added at the end or dropped.
    const first = (shown.current ??= guidance.order)
    shown.current = [
      ...first.filter((k) => guidance.order.includes(k)),
      ...guidance.order.filter((k) => !first.includes(k)),
    ]
  }
  const order = shown.current

  const email = byKind.get('email')
  const mailto =
    email?.kind === 'email'
      ? buildMailto(
          email.address,
          emailDraft({
            t,
            locale,
            reference,
            problemLabel: problem && t(problemLabelKey(problem)),
            appVersion: client.options.appVersion,
          }),
        )
      : undefined
  const holidays = upcomingHolidays(
    { timeZone: model.timeZone ?? ctx.displayTimeZone, holidays: model.holidays },
    now,
  ).slice(0, MAX_HOLIDAYS)
  const transaction = isTransactionRef(params.transaction) ? params.transaction : undefined
  const noticeId = `${idPrefix}-ct-official`

  const onCopy = (number: string) => {
    const done = () => {
      setCopied('')
      // Re-set on the next frame so the same message is announced again on a second copy.
      requestAnimationFrame(() => setCopied(t('contact.copied')))
    }
    navigator.clipboard?.writeText(number).then(done, () => {})
  }

  return (
    <div class="ct" ref={ref}>
      {reference && <p class="ct-ref">{t('contact.reference', { reference })}</p>}
      {guidance.urgency !== 'none' && (
        <div class={`ct-guide ct-${guidance.urgency}`} role="note" data-urgency={guidance.urgency}>
          <p>
            <b>
              {t(guidance.urgency === 'urgent' ? 'contact.guidance.urgent.title' : 'contact.guidance.standard.title')}
            </b>
          </p>
          <p>{t(guidance.urgency === 'urgent' ? 'contact.guidance.urgent.body' : 'contact.guidance.standard.body')}</p>
        </div>
      )}
      <p class="notice ct-official" id={noticeId} role="note">
        {t('contact.notice.official')}
      </p>
      {!order ? (
        <p class="status" role="status">
          {t('panel.loading')}
        </p>
      ) : order.length === 0 ? (
        <p class="muted">{t('contact.empty')}</p>
      ) : (
        <ul class="ct-list" aria-label={t('contact.channels.label')} aria-describedby={noticeId}>
          {order.map((kind) => (
            <ChannelItem
              key={kind}
              kind={kind}
              channel={byKind.get(kind)}
              recommended={guidance.recommended.includes(kind)}
              ctx={ctx}
              mailto={mailto}
              wait={
                kind === 'chat' ? (wait ?? (!answered ? 'checking' : availability ? 'open' : 'unknown')) : undefined
              }
              onChat={() => client.navigate('chat', transaction ? { transaction } : {})}
              onMessages={() =>
                client.navigate('report', {
                  ...(problem ? { category: problem } : {}),
                  ...(transaction ? { transaction } : {}),
                })
              }
              onCopy={onCopy}
            />
          ))}
        </ul>
      )}
      <p class="sr-only" role="status">
        {copied}
      </p>
      {!partial && (
        <button type="button" class="secondary" data-open-checker="" onClick={() => client.navigate('checker')}>
          {t('checker.entry')}
        </button>
      )}
      {!partial && (
        <section class="ct-section" aria-labelledby={`${idPrefix}-ct-ready`}>
          <h3 id={`${idPrefix}-ct-ready`}>{t('contact.ready.title')}</h3>
          <ul>
            {READY_ITEMS.map((key) => (
              <li key={key}>{t(key)}</li>
            ))}
          </ul>
        </section>
      )}
      {!partial && holidays.length > 0 && (
        <section class="ct-section" aria-labelledby={`${idPrefix}-ct-holidays`} data-holidays="">
          <h3 id={`${idPrefix}-ct-holidays`}>{t('contact.holidays.title')}</h3>
          <ul>
            {holidays.map((h) => (
              <li key={h}>
                <time dateTime={h}>{formatDateKey(h, locale)}</time>
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  )
}
