import { useEffect, useRef } from 'preact/hooks'
import { FRAUD_GUIDANCE_KEYS } from '../../src/reports/index.js'
import { usePanel, useT } from '../ui/context.js'

/** `tel:` keeps digits and a leading plus only. */
const telHref = (number: string) => `tel:${number.replace(/[^\d+]/g, '')}`

/**
 * Shown BEFORE the unauthorized-transaction form: secure the account first (host action),
 * the hotline, stop contact, "we never ask for your code", the police. Then the form.
 */
export function FraudGuidance({ hotline, onContinue }: { hotline: string | undefined; onContinue(): void }) {
  const { client, idPrefix } = usePanel()
  const t = useT()
  const heading = useRef<HTMLHeadingElement>(null)
  useEffect(() => heading.current?.focus(), [])
  const onAction = client.options.onAction
  const freeze = () => {
    try {
      void Promise.resolve(onAction?.('freeze-account')).catch(() => undefined)
    } catch {
      // A throwing host callback must not take the guidance down with it.
    }
  }

  const hotlineLine = () => {
    if (!hotline) return <p>{t('reportUi.guidance.hotlineDefault')}</p>
    // Split around the number so it is both a tel: link and plain, copyable text.
    const [before = '', after = ''] = t('report.guidance.fraud.hotline', { number: '\u0000' }).split('\u0000')
    return (
      <p>
        {before}
        <a href={telHref(hotline)}>{hotline}</a>
        {after}
      </p>
    )
  }

  return (
    <section class="rf-guidance" data-guidance="fraud" aria-labelledby={`${idPrefix}-guidance`}>
      {FRAUD_GUIDANCE_KEYS.map((key) => {
        if (key === 'report.guidance.fraud.title') {
          return (
            <h3 key={key} id={`${idPrefix}-guidance`} ref={heading} tabIndex={-1}>
              {t(key)}
            </h3>
          )
        }
        if (key === 'report.guidance.fraud.hotline') return <div key={key}>{hotlineLine()}</div>
        if (key === 'report.guidance.fraud.freeze') {
          return (
            <div key={key} class="rf-field">
              <p>
                <b>{t(key)}</b>
              </p>
              {onAction && (
                <button type="button" class="primary" data-action="freeze-account" onClick={freeze}>
                  {t('report.guidance.fraud.freezeAction')}
                </button>
              )}
            </div>
          )
        }
        return <p key={key}>{t(key)}</p>
      })}
      <div class="rf-actions">
        <button type="button" class="secondary" data-continue onClick={onContinue}>
          {t('report.guidance.fraud.continue')}
        </button>
        <button type="button" class="secondary" data-open-checker="" onClick={() => client.navigate('checker')}>
          {t('checker.entry')}
        </button>
      </div>
    </section>
  )
}
