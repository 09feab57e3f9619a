/**
 * The "report a transaction problem" flow without any UI: drafts, masking as the user types,
 * submission through the outbox, and the report events. The widget's report view is one
 * caller; a host app with its own form can be another.
 */
import { isBrowserOffline } from '../online.js'
import type { SupportClient } from '../client.js'
import { RejectedError, StorageError, isHelpFeedbackError } from '../errors/index.js'
import {
  type FieldFinding,
  type FindingKind,
  HIDDEN_MESSAGE_KEYS,
  type HiddenSummary,
  redact,
  redactFields,
} from '../privacy/index.js'
import {
  REFERENCE_FIELDS,
  SCREENSHOTS,
  buildTicketInput,
  categoryFields,
  getCategory,
  prefillFromTransaction,
  type FieldName,
  type ReportErrors,
  type ReportsKey,
} from './index.js'
import type { JobPayloads, OutboxJob, OutboxJobError, QueuedFile } from '../outbox/index.js'
import type { FieldValue, ReportCategory, Ticket, TransactionRef } from '../types.js'
import { type JobOutcome, startJob } from '../outbox/follow.js'
import { stableStringify } from '../stableStringify.js'
import { reportEditFilesKey, reportEditKey } from './jobs.js'

export { toLocalInput, fromLocalInput, isTransactionRef, recentTransactions } from './transactions.js'
export { followJob } from './standing.js'

/** What the form holds: raw values by field name (strings, booleans, numbers). */
export type ReportValues = Record<string, FieldValue>

/** What is kept as the user types, so a reload does not lose the report. */
export interface ReportDraft {
  values: ReportValues
  transaction?: TransactionRef
  /**
   * Screenshots as prepared on the device (downscaled, metadata removed): they are kept with
   * the text, so a reload before sending loses neither.
   */
  files?: QueuedFile[]
  /**
   * Screenshots picked but not prepared yet when the page went (a reload while a large image
   * was being resized): the files as picked, kept on the device only, for the form to prepare
   * again. Never sent as they are.
   */
  pending?: QueuedFile[]
}

/** The draft's screenshots that are intact (storage may hand back anything); `pending`: the ones still to prepare. */
export function draftFiles(draft: ReportDraft | undefined, pending?: boolean): QueuedFile[] {
  const list = pending ? draft?.pending : draft?.files
  if (!Array.isArray(list)) return []
  return list.filter(
    (f): f is QueuedFile =>
      !!f &&
      typeof Blob !== 'undefined' &&
      f.blob instanceof Blob &&
      typeof f.name === 'string' &&
      typeof f.type === 'string',
  )
}

/** Key of a category's draft in the drafts store (stored as `draft:report:<category>`). */
export const reportDraftKey = (category: ReportCategory) => `report:${category}`

const references = new Set<string>(REFERENCE_FIELDS)

/**
 * Masks one field the way the ticket will be masked (order and transaction numbers keep their
 * digits). Run when the user leaves a field, so they see what will be sent.
 *
 * @example
 * maskField('description', 'card 4111 1111 1111 1111').findings[0].kind // 'card'
 */
export function maskField(
  name: string,
  value: FieldValue | undefined,
): { value: FieldValue | undefined; findings: FieldFinding[] } {
  if (typeof value !== 'string') return { value, findings: [] }
  const result = redact(value, { reference: references.has(name) })
  return { value: result.text, findings: result.findings.map((f) => ({ ...f, path: name })) }
}

/** Masks every value of a form (and the transaction) before it is stored as a draft. */
export function maskDraft(draft: ReportDraft): { draft: ReportDraft; findings: FieldFinding[] } {
  const { value, findings } = redactFields(draft, { referenceKeys: [...REFERENCE_FIELDS, 'id'] })
  return { draft: value, findings }
}

/** One line of the "we hid …" notice: what kind, in which field. */
export interface HiddenNotice {
  kind: FindingKind
  messageKey: (typeof HIDDEN_MESSAGE_KEYS)[FindingKind]
  /** Form field name (`description`, `counterparty`…), or `undefined` when not a form field. */
  field: string | undefined
}

/** Turns findings (from maskField, maskDraft or buildTicketInput) into notice lines, one per field and kind. */
export function hiddenNotices(findings: readonly FieldFinding[]): HiddenNotice[] {
  const seen = new Set<string>()
  const out: HiddenNotice[] = []
  for (const f of findings) {
    const field = fieldOfPath(f.path)
    const id = `${field ?? ''}|${f.kind}`
    if (seen.has(id)) continue
    seen.add(id)
    out.push({ kind: f.kind, messageKey: HIDDEN_MESSAGE_KEYS[f.kind], field })
  }
  return out
}

/** `fields.amount` → `amount`, `values.description` → `description`, `attachments.0.name` → `screenshots`. */
export function fieldOfPath(path: string): string | undefined {
  const parts = path.split('.')
  if (parts[0] === 'fields' || parts[0] === 'values') return parts[1]
  if (parts[0] === 'attachments' || parts[0] === 'files') return 'screenshots'
  if (parts[0] === 'transaction') return undefined
  return parts[0] || undefined
}

/**
 * Where a draft's screenshots are kept: apart from the text, so the text's frequent saves do
 * not write the images again each time.
 */
export const reportFilesKey = (category: ReportCategory) => `report:${category}:files`

/** The draft saved for a category, if any (already masked when it was stored), with its screenshots. */
export async function loadReportDraft(
  client: Pick<SupportClient, 'services'>,
  category: ReportCategory,
): Promise<ReportDraft | undefined> {
  const { drafts } = await client.services()
  // Reports of the category parked by a page gone before their jobs were delivered (the device
  // refused to store them) come back added to this one (see `Drafts.park`).
  const [raw, stored] = await Promise.all([
    drafts.load<ReportDraft>(reportDraftKey(category), { merge: mergeStored, rebase: typedAfter(category) }),
    drafts
      .load<Pick<ReportDraft, 'files' | 'pending' | 'transaction'>>(reportFilesKey(category), { merge: mergeShots })
      .catch(() => undefined),
  ])
  const draft = raw && typeof raw === 'object' && raw.values && typeof raw.values === 'object' ? raw : undefined
  const kept = stored && typeof stored === 'object' ? { values: {}, ...stored } : undefined
  const shots = { files: draftFiles(kept), pending: draftFiles(kept, true) }
  if (!shots.files.length && !shots.pending.length) return draft
  // Screenshots of another payment's report stay out of this one.
  if (draft) return sameTx(draft.transaction, stored?.transaction) ? { ...draft, ...shots } : draft
  return { values: {}, ...(stored?.transaction ? { transaction: stored.transaction } : {}), ...shots }
}

/**
 * What was typed into a form after the draft it restored (`base`) was sent elsewhere: a field
 * as restored goes back to the transaction's prefill, text added to the end of a restored field
 * is kept alone, and a field changed otherwise is kept as it is.
 */
export function typedSince(values: ReportValues, base: ReportValues, prefill: ReportValues): ReportValues {
  const out = { ...prefill }
  for (const [k, v] of Object.entries(values)) {
    const b = base[k]
    if (v === b) continue
    const rest = typeof v === 'string' && typeof b === 'string' && b && v.startsWith(b) ? v.slice(b.length).trim() : v
    if (rest !== '') out[k] = rest
  }
  return out
}

/**
 * A stored draft of `category` (`value`, as a pagehide copy holds it) less the one it was typed
 * from (`base`), sent elsewhere since: what was typed after, as a new draft; nothing, undefined.
 */
const typedAfter = (category: ReportCategory) => (value: unknown, base: unknown) => {
  const draft = asDraft(value)
  const prefill = startValues(category, draft.transaction, undefined)
  const values = typedSince(draft.values, { ...prefill, ...asDraft(base).values }, prefill)
  return Object.keys(values).some((k) => values[k] !== prefill[k]) ? { ...draft, values } : undefined
}

/** Two stored drafts of a category as one (see {@link mergeReportDrafts}); their screenshots' records. */
const mergeStored = (first: unknown, second: unknown) => mergeReportDrafts(asDraft(first), asDraft(second))
const mergeShots = (first: unknown, second: unknown) => {
  const { values: _v, ...rest } = mergeReportDrafts(asDraft(first), asDraft(second))
  return rest
}

/**
 * Saves the screenshots of a category's draft (when they change; none at all forgets them), with
 * the ones picked and still being prepared (`pending`, as picked), in one record: the prepared
 * copy replaces its original in the same write. Resolves once the record is in the store (a
 * reload then finds them); rejects with a `StorageError` when the store refused it (they are
 * kept in memory for this page only).
 */
export async function saveReportFiles(
  client: Pick<SupportClient, 'services'>,
  category: ReportCategory,
  files: QueuedFile[],
  transaction?: TransactionRef,
  pending: QueuedFile[] = [],
  form?: object,
): Promise<void> {
  const { drafts } = await client.services()
  const key = reportFilesKey(category)
  if (files.length || pending.length) {
    const value = { files, ...(pending.length ? { pending } : {}), ...(transaction ? { transaction } : {}) }
    drafts.save(key, value, true, form)
    await storedOrThrow(drafts, key)
  } else await drafts.clear(key, form)
}

/** Waits for a screenshots record to be in the store; a `StorageError` when it was refused. */
async function storedOrThrow(drafts: Awaited<ReturnType<SupportClient['services']>>['drafts'], key: string) {
  if (!(await drafts.stored(key))) throw new StorageError('screenshots not stored on the device')
}

/**
 * Saves the form as typed (the write is debounced by the drafts store). Masked here with the
 * report's own rules first, so a labelled order number keeps its digits; the store masks again.
 * `form`: the form it comes from (any object, by identity), as given to {@link submitReport}: a
 * report being sent holds its own form's saves only, not another form's of the same category.
 */
export async function saveReportDraft(
  client: Pick<SupportClient, 'services'>,
  category: ReportCategory,
  draft: ReportDraft,
  form?: object,
  renew?: boolean,
): Promise<void> {
  const { drafts } = await client.services()
  const { files, ...text } = draft
  const masked = maskDraft(text).draft
  if (!renew) {
    drafts.save(reportDraftKey(category), masked, false, form)
    if (files) await saveReportFiles(client, category, files, draft.transaction, [], form)
    return
  }
  await renewReportDraft(client, category, draft, form)
}

/**
 * Saves what was typed after the report was sent elsewhere as a new draft of `category` (see
 * `Drafts.renew`). Another window's new report of the category, stored since that send, is kept:
 * this one is added to it ({@link mergeReportDrafts}); resolves to that other report then, for
 * the form to show both (merge what it holds into it the same way), else to undefined.
 */
export async function renewReportDraft(
  client: Pick<SupportClient, 'services'>,
  category: ReportCategory,
  draft: ReportDraft,
  form?: object,
): Promise<ReportDraft | undefined> {
  const { drafts } = await client.services()
  const { files, ...text } = draft
  const said = drafts.renew(reportDraftKey(category), maskDraft(text).draft, form, mergeStored)
  // The screenshots' draft of the one sent elsewhere too: this page's later screenshots belong
  // to the new report (none yet: an empty record, that they are written over).
  const key = reportFilesKey(category)
  const kept = { files: files ?? [], ...(draft.transaction ? { transaction: draft.transaction } : {}) }
  const shots = drafts.renew(key, kept, form, mergeShots)
  const [otherText, otherShots] = await Promise.all([said, shots])
  if (files?.length) await storedOrThrow(drafts, key)
  if (otherText === undefined && otherShots === undefined) return undefined
  const other = asDraft(otherText)
  const shotsOf = asDraft(otherShots)
  const list = { files: draftFiles(shotsOf), pending: draftFiles(shotsOf, true) }
  return {
    ...other,
    ...(other.transaction || !shotsOf.transaction ? {} : { transaction: shotsOf.transaction }),
    ...(list.files.length ? { files: list.files } : {}),
    ...(list.pending.length ? { pending: list.pending } : {}),
  }
}

/** A stored value as a draft (storage may hand back anything). */
const asDraft = (v: unknown): ReportDraft => {
  const d = v && typeof v === 'object' ? (v as Partial<ReportDraft>) : {}
  return { ...d, values: d.values && typeof d.values === 'object' ? d.values : {} }
}

const filled = (v: FieldValue | undefined) => v !== '' && v !== null && v !== undefined

/**
 * One draft of two reports of a category (two windows each started one): `first`'s fields where
 * it has them, `second`'s elsewhere, both descriptions (`first`'s, a blank line, `second`'s), all
 * screenshots, and `first`'s transaction if it has one.
 */
export function mergeReportDrafts(first: ReportDraft, second: ReportDraft): ReportDraft {
  const values: ReportValues = { ...second.values }
  for (const [k, v] of Object.entries(first.values)) if (filled(v) || !filled(values[k])) values[k] = v
  const a = first.values.description
  const b = second.values.description
  if (typeof a === 'string' && typeof b === 'string' && a.trim() && b.trim() && a !== b && !a.endsWith(b))
    values.description = `${a}\n\n${b}`
  const files = [...draftFiles(first), ...draftFiles(second)]
  const pending = [...draftFiles(first, true), ...draftFiles(second, true)]
  const transaction = first.transaction ?? second.transaction
  return {
    values,
    ...(transaction ? { transaction } : {}),
    ...(files.length || first.files || second.files ? { files } : {}),
    ...(pending.length ? { pending } : {}),
  }
}

/**
 * Calls `fn` when this page's form of `category` saved a report that another window sent (or
 * discarded) since: that save was not stored (see `Drafts.watchStale`). Resolves to unsubscribe.
 */
export async function watchSentElsewhere(
  client: Pick<SupportClient, 'services'>,
  category: ReportCategory,
  fn: () => void,
): Promise<() => void> {
  const { drafts } = await client.services()
  // (A screenshot added is saved apart from the text: its save may be the first one refused.)
  const stops = [reportDraftKey(category), reportFilesKey(category)].map((k) => drafts.watchStale(k, fn))
  return () => stops.forEach((stop) => stop())
}

/**
 * `reportEditKey`: what the user types into a report the backend refused (its outbox job holds
 * what was sent), kept, masked, until the report is sent again or discarded, so a reload loses
 * nothing; `reportEditFilesKey`: its screenshots (apart from the text, as for drafts).
 */
export { reportEditKey, reportEditFilesKey } from './jobs.js'

/**
 * Saves the corrections typed into a refused report (masked, debounced), and its screenshots as
 * they are now when given (an empty list too: the ones sent before were taken away). Given
 * screenshots, resolves once they are in the store (as {@link saveReportFiles}).
 */
export async function saveReportEdit(
  client: Pick<SupportClient, 'services'>,
  jobId: string,
  values: ReportValues,
  files?: QueuedFile[],
  pending: QueuedFile[] = [],
): Promise<void> {
  const { drafts } = await client.services()
  drafts.save(reportEditKey(jobId), maskDraft({ values }).draft)
  if (!files) return
  drafts.save(reportEditFilesKey(jobId), { files, ...(pending.length ? { pending } : {}) }, true)
  await storedOrThrow(drafts, reportEditFilesKey(jobId))
}

/** The screenshots saved for a refused report being fixed (and the ones still to prepare); undefined when none were changed. */
async function loadEditFiles(client: Pick<SupportClient, 'services'>, jobId: string) {
  const { drafts } = await client.services()
  const stored = await drafts.load<Pick<ReportDraft, 'files' | 'pending'>>(reportEditFilesKey(jobId))
  if (!stored || typeof stored !== 'object' || !Array.isArray(stored.files)) return undefined
  const kept = { values: {}, ...stored }
  return { files: draftFiles(kept), pending: draftFiles(kept, true) }
}

/** Forgets what was saved while fixing a refused report (sent again, or discarded). */
async function clearReportEdit(client: Pick<SupportClient, 'services'>, jobId: string): Promise<void> {
  const { drafts } = await client.services()
  await Promise.all([drafts.clear(reportEditKey(jobId)), drafts.clear(reportEditFilesKey(jobId))])
}

/** The corrections saved for a refused report, if any. */
export async function loadReportEdit(
  client: Pick<SupportClient, 'services'>,
  jobId: string,
): Promise<ReportValues | undefined> {
  const { drafts } = await client.services()
  const raw = await drafts.load<ReportDraft>(reportEditKey(jobId))
  return raw && typeof raw === 'object' && raw.values && typeof raw.values === 'object' ? raw.values : undefined
}

/**
 * The version (`rev`) of each refused report this page last showed the user: sending it again or
 * discarding it acts only on that version, so a fix another window sent meanwhile is never
 * silently replaced or thrown away.
 */
const shown = new WeakMap<object, Map<string, number>>()
const shownOf = (client: object) => {
  let map = shown.get(client)
  if (!map) shown.set(client, (map = new Map()))
  return map
}
const revOf = (client: object, jobId: string) => {
  const rev = shownOf(client).get(jobId)
  return rev === undefined ? {} : { rev }
}

/** A refused report as form values, with the corrections saved for it (see `ReportsController.reopen`). */
export async function reopenReport(client: Pick<SupportClient, 'services'>, jobId: string) {
  const { outbox } = await client.services()
  const job = (await outbox.list()).find((j) => j.id === jobId)
  const restored = job && valuesFromJob(job)
  if (!job || !restored) return undefined
  shownOf(client).set(jobId, job.rev ?? 0)
  const [edited, files] = await Promise.all([
    loadReportEdit(client, jobId).catch(() => undefined),
    loadEditFiles(client, jobId).catch(() => undefined),
  ])
  return {
    jobId,
    ...restored,
    ...(edited ? { values: edited } : {}),
    ...files,
    errors: serverErrors(restored.category, job.lastError),
  }
}

/**
 * Throws a queued or refused report away, with the corrections saved for it. Not when it is on
 * its way, nor when another window sent it again since this page showed it (unless that fix was
 * refused too: then it is the same refused report): false.
 */
export async function discardReport(client: Pick<SupportClient, 'services'>, jobId: string): Promise<boolean> {
  const { outbox } = await client.services()
  let removed = await outbox.remove(jobId, revOf(client, jobId))
  const job = removed ? undefined : (await outbox.list()).find((j) => j.id === jobId)
  if (job?.state === 'rejected') removed = await outbox.remove(jobId, { rev: job.rev ?? 0 })
  // Gone (sent or discarded elsewhere): what was typed into it has no report to go back to.
  if (removed || !job) await clearReportEdit(client, jobId).catch(() => undefined)
  return removed
}

/**
 * Forgets a category's draft (after the report is safely queued, or "start over"); `form`'s: one
 * another form of the category saved while this one was being sent is that form's, and stays.
 */
export async function clearReportDraft(
  client: Pick<SupportClient, 'services'>,
  category: ReportCategory,
  form?: object,
): Promise<void> {
  const { drafts } = await client.services()
  await Promise.all([drafts.clear(reportDraftKey(category), form), drafts.clear(reportFilesKey(category), form)])
}

const sameTx = (a: TransactionRef | undefined, b: TransactionRef | undefined) => (a?.id ?? '') === (b?.id ?? '')

/** Whether a stored draft belongs to the report being opened (same transaction, or both without one) and holds anything. */
export function draftMatches(
  draft: ReportDraft | undefined,
  transaction: TransactionRef | undefined,
): draft is ReportDraft {
  return (
    !!draft &&
    sameTx(draft.transaction, transaction) &&
    (Object.values(draft.values).some((v) => v !== '' && v !== null && v !== undefined) ||
      draftFiles(draft).length + draftFiles(draft, true).length > 0)
  )
}

/**
 * The values a form starts with: the transaction's prefill, then the draft on top when the
 * draft is about the same transaction (a draft about another payment must not leak into this one).
 */
export function startValues(
  category: ReportCategory,
  transaction: TransactionRef | undefined,
  draft: ReportDraft | undefined,
): ReportValues {
  const base = transaction ? prefillFromTransaction(category, transaction) : {}
  return draftMatches(draft, transaction) ? { ...base, ...draft.values } : base
}

/** The form values a queued ticket came from, to put a refused report back in the form. */
export function valuesFromJob(
  job: OutboxJob,
): { category: ReportCategory; values: ReportValues; transaction?: TransactionRef; files: QueuedFile[] } | undefined {
  if (job.kind !== 'ticket') return undefined
  // Storage may hand back anything: check what is there before using it.
  const p: Partial<JobPayloads['ticket']> | undefined = job.payload
  const input = p?.input
  if (!input || !getCategory(input.category)) return undefined
  return {
    category: input.category,
    values: { ...input.fields, description: input.description },
    ...(input.transaction ? { transaction: input.transaction } : {}),
    files: Array.isArray(p?.files) ? p.files : [],
  }
}

/** Server refusals sorted into the form: per field where one matches, the rest as general messages. */
export interface ServerErrors {
  fields: Partial<Record<string, { code: string; message?: string }>>
  general: Array<{ code: string; message?: string }>
}

/** Maps an outbox job error (RejectedError field errors) onto the category's form fields. */
export function serverErrors(category: ReportCategory, error: OutboxJobError | undefined): ServerErrors {
  const def = getCategory(category)
  const known = new Set<string>(def ? categoryFields(def) : [])
  const out: ServerErrors = { fields: {}, general: [] }
  for (const fe of error?.fields ?? []) {
    const field = fieldOfPath(fe.field)
    const entry = { code: fe.code, ...(fe.message ? { message: fe.message } : {}) }
    if (field && (known.has(field) || field === 'screenshots') && !out.fields[field]) out.fields[field] = entry
    else out.general.push(entry)
  }
  if (error && out.general.length === 0 && Object.keys(out.fields).length === 0)
    out.general.push({ code: error.code, message: error.message })
  return out
}

/** What {@link submitReport} needs: the form as typed; masking and validation happen inside. */
export interface SubmitReportInput {
  category: ReportCategory
  values: Readonly<Record<string, FieldValue | undefined>>
  transaction?: TransactionRef
  /** Prepared screenshots (see src/attachments). */
  files?: QueuedFile[]
  /**
   * Resubmitting a refused report: its outbox job is retried (a new key only if it changed).
   * Never a second job: while another tab sends it, it goes on as it is (result of that attempt).
   */
  retryJobId?: string
  settleMs?: number
  /**
   * The form it comes from (any object, by identity), as given to its saves: while it is being
   * sent only that form's saves are held, and another form of the category keeps its own draft.
   */
  form?: object
}

/** What to show after a submit; every status except `invalid` means the report is stored in the outbox. */
export type SubmitReportResult =
  | { status: 'invalid'; errors: ReportErrors }
  | { status: 'sent'; jobId: string; ticket: Ticket; hidden: HiddenSummary; findings: FieldFinding[] }
  | {
      status: 'queued'
      jobId: string
      reason: 'offline' | 'retrying' | 'slow'
      hidden: HiddenSummary
      findings: FieldFinding[]
    }
  | { status: 'rejected'; jobId: string; errors: ServerErrors; hidden: HiddenSummary; findings: FieldFinding[] }
  /** The user discarded the job elsewhere (another tab) before it settled. */
  | { status: 'removed'; jobId: string; hidden: HiddenSummary; findings: FieldFinding[] }
  /**
   * A refused report sent again (`retryJobId`) that is no longer on this device: another tab
   * sent it, or discarded it. Nothing was queued.
   */
  | { status: 'gone'; jobId: string; hidden: HiddenSummary; findings: FieldFinding[] }
  /**
   * A refused report sent again (`retryJobId`) that another window changed since this one showed
   * it: sent again with that window's fix (queued, on its way, or refused once more). Nothing was
   * queued; what was typed here is kept (the form as it is, and the saved corrections).
   */
  | { status: 'changed'; jobId: string; hidden: HiddenSummary; findings: FieldFinding[] }

/**
 * Validates, masks and queues a report. The job is stored before the first attempt; the draft
 * is cleared only after that. Resolves with what to show: sent (reference number), queued
 * (saved on the device), rejected (the backend's field messages) or invalid (local checks).
 *
 * @example
 * const r = await submitReport(client, { category: 'charged_not_received', values, transaction })
 * if (r.status === 'sent') show(r.ticket.reference)
 */
export async function submitReport(client: SupportClient, req: SubmitReportInput): Promise<SubmitReportResult> {
  const files = req.files ?? []
  if (files.length > SCREENSHOTS.max || files.some((f) => !f.type.startsWith('image/'))) {
    return { status: 'invalid', errors: { screenshots: 'report.error.screenshots' } }
  }
  let built: ReturnType<typeof buildTicketInput>
  try {
    built = buildTicketInput(req.category, req.values, {
      ...(req.transaction ? { transaction: req.transaction } : {}),
      locale: client.store.getState().system.locale,
      translate: client.t,
    })
  } catch (error) {
    if (error instanceof RejectedError || (isHelpFeedbackError(error) && error.code === 'rejected')) {
      const errors: ReportErrors = {}
      for (const fe of (error as RejectedError).fieldErrors) errors[fe.field as FieldName] = fe.code as ReportsKey
      return { status: 'invalid', errors }
    }
    throw error
  }

  const { outbox, drafts } = await client.services()
  // Until it is answered, the draft is what is being sent: a save landing after it was cleared
  // (typed meanwhile, a debounce, a field masked when left) would bring it back, to be restored
  // and sent a second time. Kept aside instead, and saved only if the send fails before it is queued.
  const held = req.retryJobId
    ? []
    : [reportDraftKey(req.category), reportFilesKey(req.category)].map((k) => drafts.hold(k, req.form))
  try {
    return await queueReport(client, outbox, req, built, files)
  } finally {
    for (const release of held) release()
  }
}

/** The queueing part of {@link submitReport}: the report as built, into the outbox, and its outcome. */
async function queueReport(
  client: SupportClient,
  outbox: Awaited<ReturnType<SupportClient['services']>>['outbox'],
  req: SubmitReportInput,
  built: ReturnType<typeof buildTicketInput>,
  files: QueuedFile[],
): Promise<SubmitReportResult> {
  const payload: JobPayloads['ticket'] = { input: built.input, ...(files.length > 0 ? { files } : {}) }
  const retried = req.retryJobId
  // A refused report sent again is always its own job, never a second one (another tab may be
  // sending it, or have sent it: a new job would be a second ticket).
  let queued = !retried
  let gone = false
  let changed = false
  // The job keeps the drafts it comes from: a page gone before they are cleared below leaves
  // that to the next page, or to whichever delivers the job first (see `Drafts.settle`).
  const { drafts } = await client.services()
  const keys = retried
    ? [reportEditKey(retried), reportEditFilesKey(retried)]
    : [reportDraftKey(req.category), reportFilesKey(req.category)]
  const origin = (
    await Promise.all(keys.map((k) => drafts.sending(k, retried ? undefined : req.form, !retried)))
  ).filter((r) => r !== undefined)
  const { jobId, outcome } = await startJob(
    outbox,
    async () => {
      // The user whose draft it is (a switch meanwhile makes it no less theirs).
      const author = origin[0]?.scope
      if (!retried) return outbox.enqueue('ticket', payload, { origin, ...(author === undefined ? {} : { author }) })
      // Only the version this page showed: another window's fix sent meanwhile is not replaced.
      queued = await outbox.retry(retried, payload, { ...revOf(client, retried), origin })
      if (queued) shownOf(client).delete(retried)
      else {
        // Not taken. On its way with this very content (sent again here before a reload, or the
        // same fix in another window): followed as it is. With another window's fix: this one
        // was not sent, and the user is told so. Or no longer on this device (sent or discarded).
        const job = (await outbox.list()).find((j) => j.id === retried)
        gone = !job
        changed = !!job && stableStringify(job.payload) !== stableStringify(payload)
        // That fix was refused too: the next "send again" here replaces it (the user was told).
        if (changed && job?.state === 'rejected') shownOf(client).set(retried, job.rev ?? 0)
      }
      return retried
    },
    { ...(req.settleMs === undefined ? {} : { settleMs: req.settleMs }), isOnline: () => isOnline(client) },
  )
  const extra = { jobId, hidden: built.hidden, findings: built.findings }
  if (changed) {
    // Kept beside the job, written now: whatever becomes of it (sent, discarded) clears them then.
    await saveReportEdit(client, retried!, req.values as ReportValues, req.files).catch(() => undefined)
    await (await client.services()).drafts.flush().catch(() => undefined)
    return { status: 'changed', ...extra }
  }
  if (gone) {
    // What was typed into it while it was refused belongs to a report this device no longer has
    // (reopen finds nothing): not kept beside a job that will never come back.
    await clearReportEdit(client, retried!).catch(() => undefined)
    return { status: 'gone', ...extra }
  }
  // A refused report sent again was no draft any more: the category's draft is another report.
  // (Its job refused by the device, kept in memory only: the draft stays for a reload to find,
  // this page done with it; the job's delivery deletes it.)
  if (!retried && outbox.memoryOnly(jobId))
    for (const k of [reportDraftKey(req.category), reportFilesKey(req.category)]) drafts.park(k, req.form)
  else if (!retried) await clearReportDraft(client, req.category, req.form).catch(() => undefined)
  if (queued) {
    client.events.emit({ type: 'report:queued', category: built.input.category, jobId })
    // A refused report sent again: its job holds the corrections now. (Not taken, they stay
    // beside it, for when it is refused again.)
    if (retried) await clearReportEdit(client, retried).catch(() => undefined)
  }
  const o = await outcome
  if (o.kind === 'rejected' && o.rev !== undefined) shownOf(client).set(jobId, o.rev)
  return toResult(req.category, jobId, o, built)
}

function toResult(
  category: ReportCategory,
  jobId: string,
  o: JobOutcome,
  built: ReturnType<typeof buildTicketInput>,
): SubmitReportResult {
  const extra = { jobId, hidden: built.hidden, findings: built.findings }
  switch (o.kind) {
    case 'sent':
      return { status: 'sent', ticket: o.result as Ticket, ...extra }
    case 'queued':
      return { status: 'queued', reason: o.reason, ...extra }
    case 'rejected':
      return { status: 'rejected', errors: serverErrors(category, o.error), ...extra }
    case 'removed':
      return { status: 'removed', ...extra }
  }
}

/** The store's view of connectivity, and the browser's when it is sure we are offline. */
export function isOnline(client: Pick<SupportClient, 'store'>): boolean {
  return client.store.getState().system.online && !isBrowserOffline()
}
