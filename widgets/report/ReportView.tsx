import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks'
import { isTransactionRef, recentTransactions, type HiddenNotice as Notice } from '../../src/reports/flow.js'
import {
  CATEGORY_ICONS,
  getCategory,
  groupedCategories,
  guessCategory,
  type CategoryDef,
} from '../../src/reports/index.js'
import type { ReportCategory, TransactionRef } from '../../src/types.js'
import type { ViewProps } from '../panel/views.js'
import { usePanel, useStore, useT } from '../ui/context.js'
import { FraudGuidance } from './FraudGuidance.js'
import { ReportForm, labelOf, type EditState } from './ReportForm.js'
import { Result, type ShownResult } from './Result.js'
import { reportCss, useSheet } from './styles.js'
import { TransactionSection } from './Transaction.js'

type Step =
  | { kind: 'loading' }
  | { kind: 'missing' }
  | { kind: 'category' }
  | { kind: 'guidance'; category: ReportCategory }
  | { kind: 'form'; category: ReportCategory; edit?: EditState }
  | { kind: 'result'; result: ShownResult; notices: Notice[] }

/** Urgent categories show the guidance before their form. */
const enter = (category: ReportCategory): Step =>
  getCategory(category)?.urgent ? { kind: 'guidance', category } : { kind: 'form', category }

function hotlineOf(params: Record<string, unknown>, options: object): string | undefined {
  if (typeof params.hotline === 'string' && params.hotline.trim()) return params.hotline.trim()
  // A `channels.hotline` option is read when the host passes one (the contact area defines it).
  const number = (options as { channels?: { hotline?: { number?: unknown } } }).channels?.hotline?.number
  return typeof number === 'string' && number.trim() ? number.trim() : undefined
}

function CategoryIcon({ id }: { id: ReportCategory }) {
  return (
    <svg class="rf-icon" viewBox="0 0 24 24" width="24" height="24" aria-hidden="true" focusable="false">
      <path
        d={CATEGORY_ICONS[id]}
        fill="none"
        stroke="currentColor"
        stroke-width="1.8"
        stroke-linecap="round"
        stroke-linejoin="round"
      />
    </svg>
  )
}

function CategoryButton({
  c,
  suggested,
  onPick,
}: {
  c: CategoryDef
  suggested?: boolean
  onPick(c: ReportCategory): void
}) {
  const t = useT()
  return (
    <li>
      <button
        type="button"
        class="rf-item rf-cat"
        data-category={c.id}
        data-suggested={suggested ? '' : undefined}
        aria-current={suggested ? 'true' : undefined}
        onClick={() => onPick(c.id)}
      >
        <CategoryIcon id={c.id} />
        <span class="rf-cat-text">
          <b>{t(c.labelKey)}</b>
          <span>{t(c.hintKey)}</span>
        </span>
      </button>
    </li>
  )
}

/**
 * Categories with icons, grouped by urgency; the one the picked transaction's status suggests
 * (failed payment → payment failed, pending transfer → transfer delayed…) comes first.
 */
function CategoryPicker({
  tx,
  onTx,
  onPick,
}: {
  tx: TransactionRef | undefined
  onTx(tx: TransactionRef): void
  onPick(c: ReportCategory): void
}) {
  const t = useT()
  const { idPrefix } = usePanel()
  const heading = useRef<HTMLHeadingElement>(null)
  useEffect(() => heading.current?.focus(), [])
  const guess = guessCategory(tx)
  const suggested = guess ? getCategory(guess) : undefined
  const gid = (g: string) => `${idPrefix}-rf-group-${g}`
  return (
    <section class="rf">
      <h3 ref={heading} tabIndex={-1} data-autofocus>
        {t('reportUi.category.title')}
      </h3>
      {tx && <TransactionSection tx={tx} onPick={onTx} />}
      <div class="rf" data-categories>
        {suggested && (
          <section class="rf-field" aria-labelledby={gid('suggested')} data-group="suggested">
            <h4 id={gid('suggested')} class="rf-group">
              {t('reportUi.group.suggested')}
            </h4>
            <ul class="rf-list">
              <CategoryButton c={suggested} suggested onPick={onPick} />
            </ul>
          </section>
        )}
        {groupedCategories().map(({ group, items }) => {
          const rest = items.filter((c) => c.id !== suggested?.id)
          if (rest.length === 0) return null
          return (
            <section key={group} class="rf-field" aria-labelledby={gid(group)} data-group={group}>
              <h4 id={gid(group)} class="rf-group">
                {t(`reportUi.group.${group}`)}
              </h4>
              <ul class="rf-list">
                {rest.map((c) => (
                  <CategoryButton key={c.id} c={c} onPick={onPick} />
                ))}
              </ul>
            </section>
          )
        })}
      </div>
    </section>
  )
}

/**
 * The key `host/reopen.ts` reads after a reload: the form's category and the id of the transaction
 * it is about, nothing the user typed (that is in the report's draft, masked). Spelled out, not
 * imported: a value imported from the entry's modules splits the entry into a facade and a
 * shared chunk (one more request).
 */
const OPEN_REPORT = 'help-feedback:report'

/**
 * sessionStorage, when the page may use it (it throws in some sandboxed frames and WebViews). The
 * same few lines as in `help/ArticleView.tsx`, not a shared module: one would land in the panel's
 * chunk, on the first open, for two views that load later.
 */
function tabStore(f: (s: Storage) => void): void {
  try {
    f(sessionStorage)
  } catch {
    /* storage off: a reload opens nothing */
  }
}

/**
 * The transaction of a form reopened after a reload, from its id: the host's (its recent list),
 * else the copy the form's draft holds (masked). Undefined when neither has it any more.
 */
async function transactionOf(
  client: ReturnType<typeof usePanel>['client'],
  category: ReportCategory,
  id: string,
): Promise<TransactionRef | undefined> {
  const tx = (await recentTransactions(client)).find((t) => t.id === id)
  if (tx) return tx
  const draft = await client.reports.loadDraft(category).catch(() => undefined)
  return draft?.transaction?.id === id ? draft.transaction : undefined
}

/**
 * Where each opening's form was when the user went to another view from it (a suggested
 * article): Back shows the same params object again, and the form comes back in place of the
 * category picker, with its draft (kept on the device as the user types).
 */
const left = new WeakMap<object, { step: Step & { kind: 'form' }; tx: TransactionRef | undefined }>()

/**
 * `open('report', { transaction?, category?, hotline?, jobId? })`: category picker, fraud
 * guidance for urgent categories, the category's form, then the outcome. `jobId` reopens a
 * report the backend refused.
 */
function ReportFlow({ params }: ViewProps) {
  const { client, tag = '' } = usePanel()
  const { reports } = client
  const t = useT()
  const root = useRef<HTMLDivElement>(null)
  useSheet('report', reportCss, root)
  const [back] = useState(() => left.get(params))
  const [tx, setTx] = useState<TransactionRef | undefined>(
    back ? back.tx : isTransactionRef(params.transaction) ? params.transaction : undefined,
  )
  const jobId = typeof params.jobId === 'string' ? params.jobId : undefined
  const initial = typeof params.category === 'string' ? getCategory(params.category) : undefined
  // Reopened after a reload (host/reopen.ts): straight to the form the user was filling in (the
  // fraud guidance was read before), its transaction found again from its id before it shows.
  const reloaded = params.reloaded === true && initial ? initial.id : undefined
  const reloadTx = reloaded && typeof params.transactionId === 'string' ? params.transactionId : undefined
  const [step, setStep] = useState<Step>(() => {
    if (back) return back.step
    if (jobId || reloadTx) return { kind: 'loading' }
    if (reloaded) return { kind: 'form', category: reloaded }
    return initial ? enter(initial.id) : { kind: 'category' }
  })
  const hotline = hotlineOf(params, client.options)

  useEffect(() => {
    if (step.kind === 'form' && !step.edit) left.set(params, { step, tx })
    else left.delete(params)
  }, [params, step, tx])

  // A report the backend refused while this form showed: it waits in the outbox, where a reload
  // finds it again (the form's draft was cleared when it was sent).
  const [refused, setRefused] = useState<string>()
  // Kept while the form shows, so a reload of the page comes back on it: the form being filled
  // in (its category and transaction), or a refused report being fixed (its job); the category
  // picker, the guidance and the outcome are not. Before the paint: a reload as soon as the
  // refusal shows must find the job.
  useLayoutEffect(() => {
    if (step.kind !== 'form') return
    // The latest refusal first (a report refused in the form is a job of its own); a refused
    // report sent again stays its own job (reports.submit never queues a second one).
    const job = refused ?? step.edit?.jobId
    const key = OPEN_REPORT + tag
    tabStore((s) =>
      s.setItem(key, JSON.stringify(job ? { jobId: job } : { category: step.category, transactionId: tx?.id })),
    )
    return () => tabStore((s) => s.removeItem(key))
  }, [step, tx, refused, tag])

  useEffect(() => {
    if (!reloaded || !reloadTx) return
    let live = true
    void transactionOf(client, reloaded, reloadTx)
      .catch(() => undefined)
      .then((found) => {
        if (!live) return
        // Gone from the draft and from the host's list: the categories, as for a first visit
        // (a form without it would take up the draft of another payment).
        if (!found) return setStep({ kind: 'category' })
        setTx(found)
        setStep({ kind: 'form', category: reloaded })
      })
    return () => {
      live = false
    }
    // Once, on the params it was opened with.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [])

  // A refused report is the signed-in user's: opened before the host signed them in (a reload
  // reopens it on mount, and hosts often identify later), it is looked for again once the
  // sign-in has switched the device's data to them, unless it already shows.
  const who = useStore((s) => `${s.session.user?.id ?? ''}|${s.session.status}`)
  const shown = useRef(step.kind)
  shown.current = step.kind
  useEffect(() => {
    if (!jobId || shown.current === 'form') return
    let live = true
    void (async () => {
      const restored = await reports.reopen(jobId)
      // Already sent or discarded while it was looked for (followed below).
      if (!live || shown.current === 'result') return
      if (!restored) return setStep({ kind: 'missing' })
      if (restored.transaction) setTx(restored.transaction)
      const { values, files, pending, errors } = restored
      const edit = { jobId, values, files, pending, errors }
      setStep({ kind: 'form', category: restored.category, edit })
    })().catch(() => live && setStep({ kind: 'missing' }))
    return () => {
      live = false
    }
  }, [reports, jobId, who])

  // A refused report shown here can be sent or discarded elsewhere: from another window, or by
  // this page's outbox after a reload with the fix on the wire. Followed, so the view says what
  // became of it, not that it was refused (except while this form's own submit says it).
  const followed = refused ?? jobId
  const submitting = useRef(false)
  const [onItsWay, setOnItsWay] = useState(false)
  useEffect(() => {
    if (!followed) return
    return reports.watch(followed, (o) => {
      if (submitting.current || shown.current === 'result') return
      if (o.status === 'sending' || o.status === 'rejected') return setOnItsWay(o.status === 'sending')
      const result: ShownResult =
        o.status === 'sent'
          ? { status: 'sent', jobId: followed, ticket: o.ticket }
          : { status: o.status, jobId: followed }
      setStep({ kind: 'result', result, notices: [] })
    })
  }, [reports, followed])

  let body
  switch (step.kind) {
    case 'loading':
      body = (
        <p class="status" role="status">
          {t('panel.loading')}
        </p>
      )
      break
    case 'missing':
      body = (
        <p class="status" role="status" data-autofocus tabIndex={-1}>
          {t('error.not_found')}
        </p>
      )
      break
    case 'category':
      body = <CategoryPicker tx={tx} onTx={setTx} onPick={(c) => setStep(enter(c))} />
      break
    case 'guidance':
      body = <FraudGuidance hotline={hotline} onContinue={() => setStep({ kind: 'form', category: step.category })} />
      break
    case 'form':
      body = (
        <ReportForm
          key={step.category}
          category={step.category}
          transaction={tx}
          onTransaction={setTx}
          edit={step.edit}
          returning={step === back?.step}
          onChangeCategory={(next) => setStep(next ? enter(next) : { kind: 'category' })}
          onDone={(result, notices) => setStep({ kind: 'result', result, notices })}
          onDiscarded={() => client.navigate('requests')}
          onRefused={setRefused}
          onItsWay={onItsWay}
          onSubmitting={(busy) => (submitting.current = busy)}
        />
      )
      break
    case 'result':
      body = <Result result={step.result} notices={step.notices} labelOf={labelOf} />
      break
  }
  return (
    <div ref={root} data-view="report">
      {body}
    </div>
  )
}

let opened = 0
/** One key per `open('report', …)`: each open passes a new params object. */
const openings = new WeakMap<object, number>()

/** The report view. A new `open('report', …)` while it is showing starts over with the new params. */
export function ReportView({ params }: ViewProps) {
  let key = openings.get(params)
  if (key === undefined) openings.set(params, (key = ++opened))
  return <ReportFlow key={key} params={params} />
}
