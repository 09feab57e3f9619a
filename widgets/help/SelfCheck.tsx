import { useCallback, useEffect, useRef, useState } from 'preact/hooks'
import {
  CLOCK_SKEW_LIMIT_SECONDS,
  runSelfCheck,
  selfCheckProblems,
  type SelfCheckOptions,
  type SelfCheckResult,
} from '../../src/help/selfCheck.js'
import type { MessageKey, Translate } from '../../src/i18n/index.js'
import { usePanel, useT } from '../ui/context.js'
import { useHelpStyles } from './useHelp.js'

export interface SelfCheckPanelProps {
  /** Called with the results when the user chooses to attach them (e.g. to `TicketInput.diagnostics`). */
  onAttach?: (diagnostics: SelfCheckResult) => void
  /** See `SelfCheckOptions.serverTime`; without it the clock is reported as unknown. */
  serverTime?: SelfCheckOptions['serverTime']
}

const ROWS = [
  'networkOnline',
  'serverReachable',
  'clockSkewSeconds',
  'storage',
  'appVersion',
  'sdkVersion',
  'locale',
  'timeZone',
] as const

/** The value of one row, in words. */
function describe(t: Translate, key: keyof SelfCheckResult, r: SelfCheckResult): string {
  const unknown = t('help.selfcheck.unknown')
  switch (key) {
    case 'networkOnline':
      return t(r.networkOnline ? 'help.selfcheck.online' : 'help.selfcheck.offline')
    case 'serverReachable':
      if (r.serverReachable === 'unknown') return unknown
      if (!r.serverReachable) return t('help.selfcheck.unreachable')
      return typeof r.latencyMs === 'number'
        ? t('help.selfcheck.reachable', { ms: r.latencyMs })
        : t('help.selfcheck.reachableNoTime')
    case 'clockSkewSeconds':
      if (typeof r.clockSkewSeconds !== 'number') return unknown
      return Math.abs(r.clockSkewSeconds) > CLOCK_SKEW_LIMIT_SECONDS
        ? t('help.selfcheck.clockOff', { seconds: Math.abs(r.clockSkewSeconds) })
        : t('help.selfcheck.clockOk')
    case 'storage':
      return t(r.storage === 'persistent' ? 'help.selfcheck.persistent' : 'help.selfcheck.memory')
    case 'timeZone':
      return r.timeZone === 'unknown' ? unknown : `${r.timeZone} (UTC${r.utcOffset})`
    default: {
      const v = r[key]
      return v === 'unknown' || v === null || v === undefined ? unknown : String(v)
    }
  }
}

/**
 * "Check my app": runs the self-check when shown, lists what it found in words, flags what needs
 * attention, and lets the user attach the results to a report.
 *
 * @example
 * <SelfCheckPanel onAttach={(d) => setDiagnostics(d)} />
 */
export function SelfCheckPanel({ onAttach, serverTime }: SelfCheckPanelProps) {
  const { client, idPrefix } = usePanel()
  const t = useT()
  const root = useRef<HTMLElement>(null)
  useHelpStyles(root)
  const [result, setResult] = useState<SelfCheckResult | null>(null)
  const [running, setRunning] = useState(false)
  const [attached, setAttached] = useState(false)
  const live = useRef(true)
  // The host's clock source as of the latest render (an inline function is a new one each time).
  const clock = useRef(serverTime)
  clock.current = serverTime

  const run = useCallback(() => {
    setRunning(true)
    setAttached(false)
    const serverTime = clock.current
    runSelfCheck(client, serverTime ? { serverTime } : {})
      .then(
        (r) => live.current && setResult(r),
        () => undefined,
      )
      .finally(() => live.current && setRunning(false))
  }, [client])
  useEffect(() => {
    live.current = true
    run()
    return () => {
      live.current = false
    }
  }, [run])

  const problems = result ? selfCheckProblems(result) : []
  const status = running
    ? t('help.selfcheck.running')
    : attached
      ? t('help.selfcheck.attached')
      : result
        ? problems.length
          ? t('help.selfcheck.done', { count: problems.length })
          : t('help.selfcheck.allGood')
        : ''
  const titleId = `${idPrefix}-selfcheck`
  return (
    <section ref={root} class="help-section help-selfcheck" aria-labelledby={titleId} aria-busy={running}>
      <h3 id={titleId}>{t('help.selfcheck.title')}</h3>
      <p class="muted">{t('help.selfcheck.intro')}</p>
      <p role="status">{status}</p>
      {result && (
        <dl>
          {ROWS.map((key) => {
            const bad = problems.includes(key)
            return [
              <dt key={`${key}-k`}>{t(`help.selfcheck.${key}` as MessageKey)}</dt>,
              <dd key={`${key}-v`} class={bad ? 'bad' : undefined} data-check={key}>
                {describe(t, key, result)}
                {bad && <span class="sr-only"> ({t('help.selfcheck.problem')})</span>}
              </dd>,
            ]
          })}
        </dl>
      )}
      <div class="help-actions">
        <button type="button" class="secondary" disabled={running} onClick={run}>
          {t('help.selfcheck.run')}
        </button>
        {onAttach && result && !running && (
          <button
            type="button"
            class="primary"
            disabled={attached}
            onClick={() => (onAttach(result), setAttached(true))}
          >
            {t('help.selfcheck.attach')}
          </button>
        )}
      </div>
    </section>
  )
}
