import type { CheckResult, OfficialMatch } from '../../src/checker/index.js'
import type { MessageKey, Translate } from '../../src/i18n/index.js'

/** "our hotline 95188", "our 微博 account @examplewallet" … */
function channelText(t: Translate, m: OfficialMatch): string {
  if (m.channel === 'social') return t('checker.channel.social', { platform: m.platform, value: m.value })
  return t(`checker.channel.${m.channel}` as MessageKey, { value: m.value })
}

/** The verdict's text: heading, why, and what to do. Rendered inside the live region. */
export function Verdict({ result, t }: { result: CheckResult; t: Translate }) {
  if (result.verdict === 'unreadable') return <p>{t('checker.verdict.unreadable')}</p>
  const kind = <p class="muted">{t('checker.checkedAs', { kind: t(`checker.kind.${result.kind}` as MessageKey) })}</p>
  if (result.verdict === 'official') {
    return (
      <>
        <h3>
          <span class="ck-mark" aria-hidden="true">
            ✓
          </span>
          {t('checker.verdict.official', { channel: channelText(t, result.match) })}
        </h3>
        <p>{t('checker.official.still')}</p>
        {kind}
      </>
    )
  }
  const lookalike = result.verdict === 'lookalike'
  return (
    <>
      <h3>
        <span class="ck-mark" aria-hidden="true">
          {lookalike ? '⚠' : '✗'}
        </span>
        {t(lookalike ? 'checker.verdict.lookalike' : 'checker.verdict.notOurs')}
      </h3>
      {result.knownScam && <p class="ck-scam">{t('checker.knownScam')}</p>}
      {lookalike && <p>{t(`checker.reason.${result.reason}` as MessageKey, { official: result.imitates })}</p>}
      {result.owner && result.kind !== 'phone' && <p>{t('checker.owner', { owner: result.owner })}</p>}
      <p>{t('checker.notOurs.detail')}</p>
      {kind}
    </>
  )
}
