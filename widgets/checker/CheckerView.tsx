import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks'
import { type CheckResult, type OfficialList, checkContact } from '../../src/checker/index.js'
import { officialList, officialListNow, reportScam } from '../../src/checker/controller.js'
import type { ViewProps } from '../panel/views.js'
import { usePanel, useT } from '../ui/context.js'
import { checkerCss, useSheet } from './styles.js'
import { Verdict } from './Verdict.js'

type Reported =
  { status: 'sending' } | { status: 'sent'; reference: string } | { status: 'queued' } | { status: 'failed' }
interface Checked {
  input: string
  result: CheckResult
  at: Date
  n: number
}

/**
 * "Is this really us?": `open('checker', { value? })`. The user pastes what contacted them and
 * gets one verdict, announced by screen readers; a scam is reported with one tap.
 */
export function CheckerView({ params }: ViewProps) {
  const { client, idPrefix } = usePanel()
  const t = useT()
  const ref = useRef<HTMLDivElement>(null)
  useSheet('checker', checkerCss, ref)
  const initial = typeof params.value === 'string' ? params.value.slice(0, 500) : ''
  const [value, setValue] = useState(initial)
  // The options' list answers at once; the transport's known scams join when it is ready.
  const [list, setList] = useState<OfficialList>(() => officialListNow(client))
  const [checked, setChecked] = useState<Checked | undefined>(undefined)
  const [reported, setReported] = useState<Reported | undefined>(undefined)
  const inputId = `${idPrefix}-ck-input`
  const field = useRef<HTMLInputElement>(null)

  useEffect(() => {
    let live = true
    officialList(client).then(
      (l) => live && setList(l),
      () => {},
    )
    return () => {
      live = false
    }
  }, [client])

  // The list as of the latest render: a check uses the newest one.
  const listNow = useRef(list)
  listNow.current = list
  const check = useCallback((input: string) => {
    if (!input.trim()) return
    setReported(undefined)
    setChecked((c) => ({ input, result: checkContact(input, listNow.current), at: new Date(), n: (c?.n ?? 0) + 1 }))
  }, [])
  // The value the view was opened with is checked at once.
  useEffect(() => {
    if (initial) check(initial)
  }, [initial, check])
  // A check made before the served scams arrived is redone with them.
  useEffect(() => {
    setChecked((c) => c && { ...c, result: checkContact(c.input, list) })
  }, [list])

  const onReport = async () => {
    const r = checked?.result
    if (!checked || !r || (r.verdict !== 'lookalike' && r.verdict !== 'notOurs')) return
    setReported({ status: 'sending' })
    try {
      const res = await reportScam(client, { input: checked.input, result: r, checkedAt: checked.at })
      if (res.status === 'sent') setReported({ status: 'sent', reference: res.ticket.reference ?? res.ticket.id })
      else if (res.status === 'queued') setReported({ status: 'queued' })
      else setReported({ status: 'failed' })
    } catch {
      setReported({ status: 'failed' })
    }
  }

  const summary = useMemo(() => {
    const ch = client.options.channels
    const host = (url: string) => {
      try {
        return new URL(url).host
      } catch {
        return url
      }
    }
    return [
      ch?.hotline && t('checker.list.hotline', { value: ch.hotline.number }),
      ch?.website && t('checker.list.website', { value: host(ch.website.url) }),
      ch?.email && t('checker.list.email', { value: ch.email.address }),
      ...(ch?.social ?? []).map((s) => t('checker.list.social', { platform: s.name, value: s.handle ?? host(s.url) })),
    ].filter((x): x is string => !!x)
  }, [client, t])

  const result = checked?.result
  const canReport = result && (result.verdict === 'lookalike' || result.verdict === 'notOurs')
  return (
    <div class="ck" ref={ref}>
      <p>{t('checker.intro')}</p>
      {/* Reads the field itself: a paste or autofill may land without an input event first. */}
      <form class="ck-form" onSubmit={(e) => (e.preventDefault(), check(field.current?.value ?? value))}>
        <label for={inputId}>{t('checker.label')}</label>
        <div class="ck-row">
          <input
            ref={field}
            id={inputId}
            data-autofocus
            autoComplete="off"
            autoCapitalize="off"
            spellcheck={false}
            enterKeyHint="go"
            placeholder={t('checker.placeholder')}
            value={value}
            onInput={(e) => setValue((e.currentTarget as HTMLInputElement).value)}
          />
          <button type="submit" class="primary" data-check="">
            {t('checker.check')}
          </button>
        </div>
      </form>
      <div
        class="ck-result"
        role="status"
        aria-live="polite"
        aria-atomic="true"
        data-verdict={result?.verdict}
        key={checked?.n}
      >
        {result && <Verdict result={result} t={t} />}
      </div>
      {canReport && (
        <div class="ck-actions">
          <button
            type="button"
            class="secondary"
            data-report-scam=""
            disabled={reported?.status === 'sending' || reported?.status === 'sent' || reported?.status === 'queued'}
            onClick={onReport}
          >
            {t(reported?.status === 'sending' ? 'checker.report.sending' : 'checker.report')}
          </button>
        </div>
      )}
      <p
        role="status"
        data-report-status={reported?.status ?? ''}
        class={reported?.status === 'failed' ? 'error' : undefined}
      >
        {reported?.status === 'sent' && t('checker.report.sent', { reference: reported.reference })}
        {reported?.status === 'queued' && t('checker.report.queued')}
        {reported?.status === 'failed' && t('checker.report.failed')}
      </p>
      {summary.length > 0 && (
        <section class="ck-official" aria-labelledby={`${idPrefix}-ck-official`}>
          <h3 id={`${idPrefix}-ck-official`}>{t('checker.official.title')}</h3>
          <ul>
            {summary.map((s) => (
              <li key={s} class="ck-value">
                {s}
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  )
}
