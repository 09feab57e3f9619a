import type { SupportClient } from '../client.js'
import type { JobStanding } from './standing.js'
import type { QueuedFile } from '../outbox/types.js'
import type { ReportCategory, Ticket, TransactionRef } from '../types.js'
import type { ReportDraft, ReportValues, ServerErrors, SubmitReportInput, SubmitReportResult } from './flow.js'

/** A refused report, back in form shape for the user to fix and resend. */
export interface ReopenedReport {
  jobId: string
  category: ReportCategory
  values: ReportValues
  transaction?: TransactionRef
  files: QueuedFile[]
  /** Screenshots picked while it was being fixed and not prepared yet (see `ReportDraft.pending`). */
  pending?: QueuedFile[]
  errors: ServerErrors
}

/**
 * What became of a queued report while the user is still looking: sent, refused, discarded, on
 * its way (`sending`: sent again from another window, or by this page after a reload), or no
 * longer on this device without this page seeing how (`gone`: another window sent or discarded it).
 */
export type ReportOutcome =
  | { status: 'sent'; ticket: Ticket }
  | { status: 'rejected' }
  | { status: 'removed' }
  | { status: 'sending' }
  | { status: 'gone' }

/**
 * `client.reports`: the "report a transaction problem" flow without UI. Drafts are kept as the
 * user types (masked), a submit validates, masks and queues the report in the outbox, and a
 * refused report can be reopened. Its code loads on the first call.
 */
export interface ReportsController {
  /** Validates, masks and queues a report; resolves with what to show (see {@link SubmitReportResult}). */
  submit(input: SubmitReportInput): Promise<SubmitReportResult>
  /** The draft saved for a category (already masked), with its screenshots. */
  loadDraft(category: ReportCategory): Promise<ReportDraft | undefined>
  /**
   * Saves the form as typed (masked, debounced). `form`: the form it comes from (any object, by
   * identity), given to `submit` too: a report being sent holds its own form's saves only.
   */
  saveDraft(category: ReportCategory, draft: ReportDraft, form?: object): Promise<void>
  /**
   * Calls `fn` when a save of this page's form of `category` was not stored because another window
   * sent (or discarded) that report since. Returns unsubscribe.
   */
  onSentElsewhere(category: ReportCategory, fn: () => void): () => void
  /**
   * Saves what was typed after {@link ReportsController.onSentElsewhere} said so as a new draft of
   * the category (written at once), not as a copy of the report sent; its screenshots too (the
   * ones given, none: the ones added later are stored with it). A new report of the category
   * another window stored since that send is kept, with this one added to it (its fields where
   * it has them, both descriptions, all screenshots): resolves to that report then, for the form
   * to show what is stored now, else to undefined.
   */
  renewDraft(category: ReportCategory, draft: ReportDraft, form?: object): Promise<ReportDraft | undefined>
  /**
   * Saves a draft's screenshots (none forgets them); `pending`: the ones picked and still being
   * prepared, as picked, for a form to prepare again after a reload. Resolves once they are in
   * the device's storage; rejects (a `StorageError`) when it refused them: kept for this page only.
   */
  saveFiles(
    category: ReportCategory,
    files: QueuedFile[],
    transaction?: TransactionRef,
    pending?: QueuedFile[],
    form?: object,
  ): Promise<void>
  clearDraft(category: ReportCategory, form?: object): Promise<void>
  /**
   * Saves what the user types into a refused report (masked, debounced), and its screenshots
   * as they are now when given (with the ones still being prepared), until it is sent again or discarded.
   * Given screenshots, resolves once they are in the device's storage (as `saveFiles`).
   */
  saveEdit(jobId: string, values: ReportValues, files?: QueuedFile[], pending?: QueuedFile[]): Promise<void>
  /**
   * A report the backend refused, as form values with the backend's field errors (the
   * corrections and screenshots saved with `saveEdit` in place of what was sent); undefined when gone.
   */
  reopen(jobId: string): Promise<ReopenedReport | undefined>
  /** Throws a queued or refused report away (explicit user action only). False when unknown or in flight. */
  discard(jobId: string): Promise<boolean>
  /**
   * Follows a queued or refused report: calls `onOutcome` with where it stands now, then each time
   * that changes (sent, refused, discarded, sending, gone), also for what other windows do with
   * it. Returns unsubscribe.
   */
  watch(jobId: string, onOutcome: (outcome: ReportOutcome) => void): () => void
}

type Flow = typeof import('./flow.js')

export function createReportsController(client: SupportClient): ReportsController {
  // The flow loads as soon as reports are used. Once loaded, calls reach it without an extra
  // await: a keystroke's draft save must be scheduled before a flush on page hide runs.
  let loaded: Flow | undefined
  const loading = import('./flow.js').then((m) => (loaded = m))
  loading.catch(() => undefined)
  const withFlow = <T>(fn: (m: Flow) => Promise<T>): Promise<T> => (loaded ? fn(loaded) : loading.then(fn))
  const outbox = async () => (await client.services()).outbox
  return {
    submit: (input) => withFlow((m) => m.submitReport(client, input)),
    loadDraft: (category) => withFlow((m) => m.loadReportDraft(client, category)),
    saveDraft: (category, draft, form) => withFlow((m) => m.saveReportDraft(client, category, draft, form)),
    onSentElsewhere(category, fn) {
      const off = withFlow((m) => m.watchSentElsewhere(client, category, fn))
      off.catch(() => undefined)
      return () =>
        void off.then(
          (stop) => stop(),
          () => undefined,
        )
    },
    renewDraft: (category, draft, form) => withFlow((m) => m.renewReportDraft(client, category, draft, form)),
    saveFiles: (category, files, transaction, pending, form) =>
      withFlow((m) => m.saveReportFiles(client, category, files, transaction, pending, form)),
    clearDraft: (category, form) => withFlow((m) => m.clearReportDraft(client, category, form)),
    saveEdit: (jobId, values, files, pending) =>
      withFlow((m) => m.saveReportEdit(client, jobId, values, files, pending)),
    reopen: (jobId) => withFlow((m) => m.reopenReport(client, jobId)),
    discard: (jobId) => withFlow((m) => m.discardReport(client, jobId)),
    watch(jobId, onOutcome) {
      let stop: (() => void) | undefined
      let live = true
      void Promise.all([withFlow(async (m) => m), outbox()]).then(
        ([{ followJob }, box]) => {
          if (!live) return
          stop = followJob(box, jobId, (o: JobStanding) =>
            onOutcome(o.kind === 'sent' ? { status: 'sent', ticket: o.result as Ticket } : { status: o.kind }),
          )
        },
        () => undefined,
      )
      return () => {
        live = false
        stop?.()
      }
    },
  }
}
