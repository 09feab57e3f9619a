import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks'
import {
  draftFiles,
  draftMatches,
  hiddenNotices,
  maskDraft,
  maskField,
  mergeReportDrafts,
  startValues,
  typedSince,
  type HiddenNotice as Notice,
  type ReportValues,
  type ServerErrors,
} from '../../src/reports/flow.js'
import type { MessageKey } from '../../src/i18n/index.js'
import {
  FIELDS,
  SCREENSHOTS,
  categoryFields,
  getCategory,
  prefillFromTransaction,
  validateReport,
  type FieldName,
  type ReportErrors,
} from '../../src/reports/index.js'
import type { QueuedFile } from '../../src/outbox/types.js'
import type { FieldValue, ReportCategory, TransactionRef } from '../../src/types.js'
import { Suggestions } from '../panel/suggestions.js'
import { usePanel, useStore, useT } from '../ui/context.js'
import { Field } from './Field.js'
import { HiddenNotice } from './HiddenNotice.js'
import type { ShownResult } from './Result.js'
import { Screenshots, unprepared, useShots } from './Screenshots.js'
import { TransactionSection } from './Transaction.js'

/** A refused report reopened from the outbox. */
export interface EditState {
  jobId: string
  values: ReportValues
  files: QueuedFile[]
  /** Screenshots picked while fixing it, kept as picked: prepared again here. */
  pending?: QueuedFile[] | undefined
  errors: ServerErrors
}

export interface ReportFormProps {
  category: ReportCategory
  transaction: TransactionRef | undefined
  onTransaction(tx: TransactionRef): void
  /** Back to the picker, or straight to a suggested category. */
  onChangeCategory(next?: ReportCategory): void
  edit?: EditState | undefined
  /**
   * Shown again after the user went to another view and came Back (a suggested article): focus
   * returns to the description, where they were typing, not to the heading.
   */
  returning?: boolean
  onDone(result: ShownResult, notices: Notice[]): void
  onDiscarded(): void
  /** The backend refused the report: it waits in the outbox as this job, for the user to fix. */
  onRefused?(jobId: string): void
  /** The refused report is being sent again from elsewhere (another window, or after a reload). */
  onItsWay?: boolean
  /** A submit of this form starts (true) or is answered (false). */
  onSubmitting?(busy: boolean): void
}

/** Errors of the values as they are now (what a submit would say), without submitting. */
/**
 * How long a screenshot's thumbnail waits for its storing before it shows anyway, saying it is
 * not saved on the device (storage that never answers must not hide what the user picked).
 */
const SHOT_STORE_PATIENCE_MS = 8000

function recheckFor(category: ReportCategory) {
  return (values: ReportValues): ReportErrors => {
    const r = validateReport(category, values)
    return r.ok ? {} : r.errors
  }
}

/** Field name → catalog key of its label (for notices). */
export const labelOf = (field: string): MessageKey | undefined =>
  field === 'screenshots' ? SCREENSHOTS.labelKey : FIELDS[field as FieldName]?.labelKey

function mergeNotices(a: readonly Notice[], b: readonly Notice[]): Notice[] {
  const seen = new Set(a.map((n) => `${n.field}|${n.kind}`))
  return [...a, ...b.filter((n) => !seen.has(`${n.field}|${n.kind}`))]
}

/**
 * A category's form: prefilled from the transaction, saved as a draft as the user types,
 * masked when a field is left, validated on submit with focus on the first invalid field.
 */
export function ReportForm(props: ReportFormProps) {
  const { client, idPrefix } = usePanel()
  const { reports } = client
  const t = useT()
  const { category, transaction: tx, edit, returning = false } = props
  // Read when the stored draft arrives: the parent's latest callback, whatever it rendered with.
  const onTransaction = useRef(props.onTransaction)
  onTransaction.current = props.onTransaction
  const editing = edit !== undefined
  const def = getCategory(category)!
  const required = new Set<string>(def.required)
  const [values, setValues] = useState<ReportValues>(edit?.values ?? {})
  const durable = useStore((s) => s.system.storagePersistent)
  const valuesRef = useRef(values)
  const [ready, setReady] = useState(!!edit)
  const [restored, setRestored] = useState(false)
  // The draft this form restored (what another window may send), and whether it did send it.
  const base = useRef<ReportValues>()
  const [elsewhere, setElsewhere] = useState(false)
  const [errors, setErrors] = useState<ReportErrors>({})
  // After the first refused submit, errors follow every change (a fixed field clears at once,
  // a transaction picked fills and un-flags its fields).
  const tried = useRef(false)
  // The fields the transaction filled in stay behind its card until the user asks to edit them.
  const [editTx, setEditTx] = useState(false)
  const [server, setServer] = useState<ServerErrors | undefined>(edit?.errors)
  const [notices, setNotices] = useState<Notice[]>([])
  const [submitting, setSubmitting] = useState(false)
  // While the report is being sent nothing in the form changes (its fields are read-only): its
  // draft is cleared once it is queued, and a change then would write back what was just sent.
  const sending = useRef(false)
  const [failure, setFailure] = useState<string>()
  // A reopened refused report starts on its first refused field.
  const [focusTick, setFocusTick] = useState(edit ? 1 : 0)
  const jobRef = useRef(edit?.jobId)
  const shots = useShots(
    edit?.files.map((f) => ({ ...f, size: f.blob.size })),
    edit?.pending,
    true,
  )
  const heading = useRef<HTMLHeadingElement>(null)
  const form = useRef<HTMLFormElement>(null)
  const alert = useRef<HTMLDivElement>(null)
  const txRef = useRef(tx)
  // Fields the user changed before the stored draft arrived (storage can take seconds, or never
  // answer): the draft fills the rest, never these.
  const typedEarly = useRef(new Set<string>())
  // This form, to the drafts: while its report is being sent only its own saves are held (another
  // form of the category, opened meanwhile, keeps its draft).
  const [self] = useState(() => ({}))
  const id = (name: string) => `${idPrefix}-rf-${name}`
  const recheck = recheckFor(category)

  const saveDraft = (values: ReportValues, transaction: TransactionRef | undefined) =>
    void reports.saveDraft(category, { values, ...(transaction ? { transaction } : {}) }, self).catch(() => undefined)
  const put = (next: ReportValues) => {
    valuesRef.current = next
    setValues(next)
    if (tried.current) setErrors(recheck(next))
    // A refused report lives in the outbox; a second copy as a draft would come back twice:
    // what is typed into it is kept beside its job instead.
    if (jobRef.current) void reports.saveEdit(jobRef.current, next).catch(() => undefined)
    else saveDraft(next, tx)
  }
  // For effects: `put` as of the latest render (it closes over the transaction and the rules).
  const latestPut = useRef(put)
  latestPut.current = put
  // Screenshots added or removed are part of the draft too (once the stored one is loaded), from
  // the moment they are picked: the file as picked until its prepared copy takes its place.
  const shotKeys = shots.shots
    .map((s) => (s.state === 'ready' ? s.key : unprepared(s) ? `p${s.key}` : ''))
    .filter(Boolean)
    .join()
  // The screenshots are kept with the transaction they were saved for: another one picked after
  // them saves them again with it, or the next load would take them for another payment's.
  const savedKey = shotKeys && `${shotKeys}|${tx?.id ?? ''}`
  const savedShots = useRef(savedKey)
  const { add: addShots, files: shotFiles, pending: shotsPending, settle: settleShots } = shots
  // In the commit that shows the placeholder of a file just picked, or its prepared copy: the
  // thumbnail shows once that is stored (a reload right after it must find the screenshot).
  // Storage refusing it, or too slow, the thumbnail shows with a message: held in this page only.
  useLayoutEffect(() => {
    if (!ready || savedShots.current === savedKey) return
    savedShots.current = savedKey
    // (One not stored before is in this write too.)
    const saving = shots.shots.flatMap((s) => (s.kept ? [s.key] : []))
    // A refused report's are kept beside its job, like what is typed into it.
    const saved = jobRef.current
      ? reports.saveEdit(jobRef.current, valuesRef.current, shotFiles(), shotsPending())
      : reports.saveFiles(category, shotFiles(), tx, shotsPending(), self)
    const late = saving.length ? setTimeout(() => settleShots(saving, false), SHOT_STORE_PATIENCE_MS) : undefined
    saved.then(
      () => {
        clearTimeout(late)
        settleShots(saving, true)
      },
      () => {
        clearTimeout(late)
        settleShots(saving, false)
      },
    )
    // (`shots.shots` is read as of this commit: `savedKey` says when it changed.)
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [ready, savedKey, reports, category, shotFiles, shotsPending, settleShots, tx, self])

  // Once per form (it is keyed by category): the stored draft, unless a refused report is being edited.
  useEffect(() => {
    if (returning) form.current?.querySelector<HTMLElement>(`#${id('description')}`)?.focus()
    else heading.current?.focus()
    if (editing) return
    let live = true
    void reports
      .loadDraft(category)
      .catch(() => undefined)
      .then((draft) => {
        if (!live) return
        // Opened without a transaction: one the user had picked comes back with the draft.
        const current = txRef.current
        const start = current ?? draft?.transaction
        if (start !== current) {
          txRef.current = start
          onTransaction.current(start!)
        }
        const typed = [...typedEarly.current].map((name) => [name, valuesRef.current[name]])
        valuesRef.current = { ...startValues(category, start, draft), ...Object.fromEntries(typed) }
        setValues(valuesRef.current)
        if (typed.length) saveDraft(valuesRef.current, start)
        const matches = draftMatches(draft, start)
        if (matches) base.current = startValues(category, start, draft)
        // Back from an article: the user never left the form, nothing to announce.
        setRestored(matches && !returning)
        const files = matches ? draftFiles(draft) : []
        const later = matches ? draftFiles(draft, true) : []
        if (files.length || later.length)
          addShots(
            files.map((f) => ({ ...f, size: f.blob.size })),
            later,
          )
        setReady(true)
      })
    return () => {
      live = false
    }
    // Once per form: `returning` and `id` say how it was entered, read on mount only.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [reports, category, editing, addShots])

  // The report this form restored was sent (or discarded) from another window, and a save from
  // here was not stored: the form keeps what was typed after it, as a new report, and says so.
  useEffect(() => {
    if (editing) return
    return reports.onSentElsewhere(category, () => {
      if (sending.current) return
      const prefill = startValues(category, txRef.current, undefined)
      const next = typedSince(valuesRef.current, base.current ?? {}, prefill)
      base.current = undefined
      valuesRef.current = next
      setValues(next)
      setRestored(false)
      setElsewhere(true)
      const transaction = txRef.current
      // (Its screenshots too: the one whose save was refused may be what told it.)
      const files = shotFiles()
      if (files.length || Object.keys(next).some((k) => next[k] !== prefill[k]))
        void reports
          .renewDraft(category, { values: next, files, ...(transaction ? { transaction } : {}) }, self)
          .then((other) => {
            // Another window's new report of the category was stored since: kept, with this one
            // added to it. The form shows both (and what was typed meanwhile), so its next
            // saves write both back.
            if (!other) return
            const kept = { values: valuesRef.current, ...(txRef.current ? { transaction: txRef.current } : {}) }
            const merged = mergeReportDrafts({ ...other, files: [], pending: [] }, kept)
            if (!txRef.current && merged.transaction) {
              txRef.current = merged.transaction
              onTransaction.current(merged.transaction)
            }
            base.current = merged.values
            latestPut.current(merged.values)
            const shotsOf = draftFiles(other)
            const later = draftFiles(other, true)
            if (shotsOf.length || later.length)
              addShots(
                shotsOf.map((f) => ({ ...f, size: f.blob.size })),
                later,
              )
          })
          .catch(() => {})
    })
  }, [reports, category, editing, self, shotFiles, addShots])

  // Another transaction picked: refill what it knows, keep what the user wrote. Before the paint:
  // a frame with the new card and the old values would flash its fields open, flagged.
  useLayoutEffect(() => {
    if (txRef.current?.id === tx?.id) return
    txRef.current = tx
    if (tx) latestPut.current({ ...valuesRef.current, ...prefillFromTransaction(category, tx) })
  }, [tx, category])

  useEffect(() => {
    if (focusTick === 0) return
    const target = form.current?.querySelector<HTMLElement>('[aria-invalid="true"]') ?? alert.current
    target?.focus()
  }, [focusTick])

  const update = (name: string, value: FieldValue) => {
    // (A read-only field sends no input; an event that gets through anyway shows the value kept.)
    if (sending.current) return setValues({ ...valuesRef.current })
    if (!ready) typedEarly.current.add(name)
    put({ ...valuesRef.current, [name]: value })
    if (!tried.current && errors[name as FieldName]) setErrors(({ [name as FieldName]: _gone, ...rest }) => rest)
  }

  const commit = (name: string) => {
    if (sending.current) return
    const { value, findings } = maskField(name, valuesRef.current[name])
    if (findings.length === 0 || value === undefined) return
    put({ ...valuesRef.current, [name]: value })
    setNotices((n) => mergeNotices(n, hiddenNotices(findings)))
  }

  const startOver = async () => {
    await client.reports.clearDraft(category, self).catch(() => undefined)
    shots.clear()
    put(startValues(category, tx, undefined))
    setRestored(false)
    tried.current = false
    setErrors({})
  }

  const discard = async () => {
    if (!jobRef.current) return
    setFailure(undefined)
    if (await client.reports.discard(jobRef.current)) props.onDiscarded()
    // On its way, or sent again from another window since it showed here: the user is told.
    else setFailure(t('reportUi.edit.notDiscarded'))
  }

  const serverText = (e: { code: string; message?: string }) => {
    // A backend's own text is English, for logs (docs/protocol.md §1.2): never shown as is.
    const known = t(e.code as MessageKey)
    return known !== e.code ? known : t('error.rejected')
  }
  const errorOf = (name: string): string | undefined => {
    const local = errors[name as FieldName] ?? (name === 'screenshots' ? errors.screenshots : undefined)
    if (local) return t(local)
    const remote = server?.fields[name]
    return remote ? serverText(remote) : undefined
  }

  const onSubmit = async (e: Event) => {
    e.preventDefault()
    if (sending.current) return
    sending.current = true
    setSubmitting(true)
    setFailure(undefined)
    props.onSubmitting?.(true)
    try {
      const r = await client.reports.submit({
        category,
        values: valuesRef.current,
        files: shots.files(),
        ...(tx ? { transaction: tx } : {}),
        ...(jobRef.current ? { retryJobId: jobRef.current } : {}),
        form: self,
      })
      if (r.status === 'invalid') {
        tried.current = true
        setErrors(r.errors)
        setServer(undefined)
        setFocusTick((n) => n + 1)
        return
      }
      // Still here, its draft gone (cleared once queued, or never kept for a refused report):
      // a screenshot not prepared (one to try again) is kept beside the report's job instead.
      const later = shots.pending()
      if (later.length && (r.status === 'rejected' || r.status === 'changed'))
        void reports.saveEdit(r.jobId, valuesRef.current, shots.files(), later).catch(() => undefined)
      if (r.status === 'changed') {
        // Another window sent its own fix since this one showed: this one was not sent, and stays here.
        setFailure(t('reportUi.edit.changed'))
        alert.current?.focus()
        return
      }
      jobRef.current = r.jobId
      // Show in the form exactly what was queued: masked values.
      valuesRef.current = maskDraft({ values: valuesRef.current }).draft.values
      setValues(valuesRef.current)
      const all = mergeNotices(notices, hiddenNotices(r.findings))
      setNotices(all)
      if (r.status === 'rejected') {
        props.onRefused?.(r.jobId)
        setErrors({})
        setServer(r.errors)
        setFocusTick((n) => n + 1)
        return
      }
      props.onDone(r, all)
    } catch (error) {
      setFailure(`${t('reportUi.errors.failed')} ${client.report(error)}`)
    } finally {
      sending.current = false
      setSubmitting(false)
      props.onSubmitting?.(false)
    }
  }

  const names = categoryFields(def)
  // Fields the transaction card already shows: hidden (and never flagged) unless edited or wrong.
  const txValues = tx ? prefillFromTransaction(category, tx) : {}
  const fromTx = new Set(Object.keys(txValues))
  // Open when asked, when one of them is wrong, or when one no longer says what the card says
  // (a restored draft the user had corrected): nothing the report sends is ever out of sight.
  const txOpen = editTx || [...fromTx].some((n) => errorOf(n) || (ready && values[n] !== txValues[n]))
  const txFieldsId = id('txfields')
  const field = (name: FieldName) => (
    <Field
      key={name}
      def={FIELDS[name]}
      id={id(name)}
      autoFocus={returning && name === 'description'}
      value={values[name]}
      required={required.has(name)}
      error={errorOf(name)}
      onInput={(v) => update(name, v)}
      onCommit={() => commit(name)}
      locked={submitting}
    />
  )
  const fieldErrorCount = [...names, 'screenshots'].filter((n) => errorOf(n)).length
  // Not for a refused report (as "Change category"): it stays this report, fixed and sent again.
  const suggest =
    !jobRef.current && def.suggest && values[def.suggest.field] === def.suggest.equals ? def.suggest : undefined

  return (
    <form
      ref={form}
      class="rf"
      noValidate
      onSubmit={(e) => void onSubmit(e)}
      data-category={category}
      aria-busy={ready ? undefined : 'true'}
    >
      <div class="rf-field">
        <span class="rf-help">{t('reportUi.category.current')}</span>
        <h3 ref={heading} tabIndex={-1} data-autofocus={returning ? undefined : true}>
          {t(def.labelKey)}
        </h3>
        <p class="rf-help">{t(def.hintKey)}</p>
        {!jobRef.current && (
          <button type="button" class="rf-link" disabled={submitting} onClick={() => props.onChangeCategory()}>
            {t('reportUi.category.change')}
          </button>
        )}
      </div>
      {def.urgent && (
        <p class="rf-alert" data-urgent>
          {t('reportUi.urgent')}
        </p>
      )}
      {edit && (
        <div class="rf-notice">
          <p>{t(props.onItsWay ? 'reportUi.result.sending' : 'reportUi.edit.notice')}</p>
          <button type="button" class="secondary" onClick={() => void discard()}>
            {t('reportUi.edit.discard')}
          </button>
        </div>
      )}
      {elsewhere && (
        <p class="rf-notice" role="status" data-sent-elsewhere>
          {t('reportUi.draft.sentElsewhere')}
        </p>
      )}
      {restored && (
        <div class="rf-notice" data-draft-restored>
          <span>{t('reportUi.draft.restored')} </span>
          <button type="button" class="rf-link" disabled={submitting} onClick={() => void startOver()}>
            {t('reportUi.draft.discard')}
          </button>
        </div>
      )}
      {!durable && (
        <p class="rf-alert" data-storage-warning>
          {t('reportUi.storage.volatile')}
        </p>
      )}
      <TransactionSection
        tx={tx}
        onPick={(picked) => sending.current || props.onTransaction(picked)}
        locked={submitting}
        {...(fromTx.size ? { edit: { open: txOpen, toggle: () => setEditTx(!txOpen), controls: txFieldsId } } : {})}
      />
      <div ref={alert} role="alert" class="rf-alert" tabIndex={-1} data-errors>
        {fieldErrorCount > 0 && <p>{t('reportUi.errors.summary', { count: fieldErrorCount })}</p>}
        {server && server.general.length > 0 && (
          <>
            <p>{t('reportUi.errors.server')}</p>
            <ul>
              {server.general.map((g, i) => (
                <li key={i}>{serverText(g)}</li>
              ))}
            </ul>
          </>
        )}
        {failure && <p>{failure}</p>}
      </div>
      <div id={txFieldsId} class="rf" data-tx-fields={txOpen ? 'open' : 'closed'} hidden={!txOpen || fromTx.size === 0}>
        {txOpen && names.filter((n) => fromTx.has(n)).map(field)}
      </div>
      {names.filter((n) => !fromTx.has(n)).map(field)}
      {/* Under the description (always the last field), in a box of fixed height taken as the
          user types (see widgets/panel/suggestions.tsx): the articles come late and must not
          push the screenshots or Send away. A refused report being corrected is already filed:
          nothing to deflect. */}
      {!editing && <Suggestions text={String(values.description ?? '')} from="report" />}
      {suggest && (
        <div class="rf-notice" data-suggest={suggest.category}>
          <p>{t(suggest.messageKey)}</p>
          <button
            type="button"
            class="secondary"
            disabled={submitting}
            onClick={() => props.onChangeCategory(suggest.category)}
          >
            {t(getCategory(suggest.category)!.labelKey)}
          </button>
        </div>
      )}
      <Screenshots
        api={shots}
        max={SCREENSHOTS.max}
        id={id('screenshots')}
        label={SCREENSHOTS.labelKey}
        help={SCREENSHOTS.helpKey}
        error={errorOf('screenshots')}
        locked={submitting}
      />
      <p role="status" class="sr-only">
        {submitting ? t('reportUi.result.sending') : ''}
      </p>
      <div class="rf-actions rf-sticky">
        <button
          type="submit"
          class="primary"
          disabled={submitting || !ready || shots.shots.some((s) => s.state === 'processing')}
          data-submit
        >
          {submitting ? t('reportUi.submitting') : t(jobRef.current ? 'reportUi.resubmit' : 'reportUi.submit')}
        </button>
      </div>
      {/* Below the button on purpose: masking runs when a field loses focus, i.e. on the
          mousedown of a click on "Send"; a notice appearing above would move the button away
          before mouseup and swallow the click. */}
      <div role="status" aria-live="polite">
        <HiddenNotice notices={notices} labelOf={labelOf} />
      </div>
    </form>
  )
}
