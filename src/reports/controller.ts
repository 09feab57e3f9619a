import type { SupportClient } from '../client.js'
import type { JobOutcome } from '../outbox/follow.js'
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
  errors: ServerErrors
}

/** What became of a queued report while the user is still looking. */
export type ReportOutcome = { status: 'sent'; ticket: Ticket } | { status: 'rejected' } | { status: 'removed' }

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
  /** Saves the form as typed (masked, debounced). */
  saveDraft(category: ReportCategory, draft: ReportDraft): Promise<void>
  /** Saves a draft's screenshots (an empty list forgets them). */
  saveFiles(category: ReportCategory, files: QueuedFile[], transaction?: TransactionRef): Promise<void>
  clearDraft(category: ReportCategory): Promise<void>
  /** A report the backend refused, as form values with the backend's field errors; undefined when gone. */
  reopen(jobId: string): Promise<ReopenedReport | undefined>
  /** Throws a queued or refused report away (explicit user action only). False when unknown or in flight. */
  discard(jobId: string): Promise<boolean>
  /** Calls `onOutcome` when a queued report is sent, refused or discarded. Returns unsubscribe. */
  watch(jobId: string, onOutcome: (outcome: ReportOutcome) => void): () => void
}

export function createReportsController(client: SupportClient): ReportsController {
  const flow = () => import('./flow.js')
  const outbox = async () => (await client.services()).outbox
  return {
    submit: async (input) => (await flow()).submitReport(client, input),
    loadDraft: async (category) => (await flow()).loadReportDraft(client, category),
    saveDraft: async (category, draft) => (await flow()).saveReportDraft(client, category, draft),
    saveFiles: async (category, files, transaction) => (await flow()).saveReportFiles(client, category, files, transaction),
    clearDraft: async (category) => (await flow()).clearReportDraft(client, category),
    async reopen(jobId) {
      const [{ valuesFromJob, serverErrors }, box] = await Promise.all([flow(), outbox()])
      const job = (await box.list()).find((j) => j.id === jobId)
      const restored = job && valuesFromJob(job)
      if (!job || !restored) return undefined
      return { jobId, ...restored, errors: serverErrors(restored.category, job.lastError) }
    },
    discard: async (jobId) => (await outbox()).remove(jobId),
    watch(jobId, onOutcome) {
      let stop: (() => void) | undefined
      let live = true
      void Promise.all([import('../outbox/follow.js'), outbox()]).then(([{ watchJob }, box]) => {
        if (!live) return
        stop = watchJob(box, jobId, (o: JobOutcome) => {
          if (o.kind === 'sent') onOutcome({ status: 'sent', ticket: o.result as Ticket })
          else if (o.kind === 'rejected') onOutcome({ status: 'rejected' })
          else if (o.kind === 'removed') onOutcome({ status: 'removed' })
        })
      }, () => undefined)
      return () => {
        live = false
        stop?.()
      }
    },
  }
}
