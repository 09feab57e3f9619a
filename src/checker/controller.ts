/**
 * The checker as a feature of the client: the official list from the options (and the
 * transport's known scams), and "report this scam", which files an `impersonation` ticket
 * through the outbox like every report.
 */
import type { SupportClient } from '../client.js'
import { type SubmitReportResult, submitReport } from '../reports/flow.js'
import { type CheckKind, type CheckResult, checkContact } from './check.js'
import { type OfficialList, buildOfficialList } from './official.js'

const served = new WeakMap<SupportClient, Promise<string[]>>()

/** Known scams the transport serves (once per client; none when it cannot or fails). */
function servedScams(client: SupportClient): Promise<string[]> {
  let p = served.get(client)
  if (!p) {
    p = client
      .transport()
      .then((tr) => (tr.knownScams ? tr.knownScams() : []))
      .then((list) =>
        Array.isArray(list)
          ? list.filter((s): s is string => typeof s === 'string' && s.trim() !== '').slice(0, 5000)
          : [],
      )
      .catch(() => [])
    served.set(client, p)
  }
  return p
}

/** The official list of this client: `channels` plus the shipped and served known scams. */
export async function officialList(client: SupportClient): Promise<OfficialList> {
  const channels = client.options.channels
  return buildOfficialList(channels, [...(channels?.knownScams ?? []), ...(await servedScams(client))])
}

/** The official list from options alone, for a first answer before the transport is ready. */
export function officialListNow(client: Pick<SupportClient, 'options'>): OfficialList {
  const channels = client.options.channels
  return buildOfficialList(channels, channels?.knownScams ?? [])
}

/** What a scam report carries: what was checked, as typed, the verdict, and when. */
export interface ScamReport {
  input: string
  result: Extract<CheckResult, { verdict: 'lookalike' | 'notOurs' }>
  checkedAt: Date
  /** The user's own words, if any; a default sentence otherwise. */
  note?: string
}

/** `2026-12-02T09:30:00+08:00`: the datetime form reports use, in the device's offset. */
export function localIso(d: Date): string {
  const off = -d.getTimezoneOffset()
  const pad = (n: number) => String(Math.abs(n)).padStart(2, '0')
  const local = new Date(d.getTime() + off * 60_000).toISOString().slice(0, 19)
  return `${local}${off >= 0 ? '+' : '-'}${pad(Math.trunc(off / 60))}:${pad(off % 60)}`
}

/**
 * Files the `impersonation` ticket (masked and queued like every report).
 *
 * @example
 * const r = checkContact('+95188', list)
 * if (r.verdict !== 'official') await reportScam(client, { input: '+95188', result: r, checkedAt: new Date() })
 */
export function reportScam(client: SupportClient, report: ScamReport): Promise<SubmitReportResult> {
  const { result } = report
  const kind: CheckKind = result.kind
  const verdict = result.knownScam ? 'knownScam' : result.verdict
  const description =
    report.note?.trim() ||
    client.t('checker.report.description', {
      value: report.input.trim(),
      verdict: client.t(`report.option.verdict.${verdict}`),
    })
  return submitReport(client, {
    category: 'impersonation',
    values: {
      contactKind: kind,
      contactValue: report.input.trim().slice(0, 200),
      verdict,
      checkedAt: localIso(report.checkedAt),
      description,
    },
  })
}

export { checkContact }
