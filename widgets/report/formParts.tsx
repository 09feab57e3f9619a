import type { ComponentChildren } from 'preact'
import { useState } from 'preact/hooks'
import type { MessageKey } from '../../src/i18n/index.js'
import { useT } from '../ui/context.js'

/**
 * A form's submit: stops the page submit; `check` (given the form, e.g. to focus an invalid
 * field) may refuse it; then `busy` is true while `run` works (the submit button is disabled).
 */
export function useSubmit(run: () => Promise<unknown>, check: (form: HTMLFormElement) => boolean = () => true) {
  const [busy, setBusy] = useState(false)
  const onSubmit = async (e: Event) => {
    e.preventDefault()
    if (!check(e.currentTarget as HTMLFormElement)) return
    setBusy(true)
    try {
      await run()
    } finally {
      setBusy(false)
    }
  }
  return { busy, onSubmit: (e: Event) => void onSubmit(e) }
}

/** The live region under a field: present before any error, so what appears in it is announced. */
export function FieldAlert({ id, error }: { id: string; error: string | undefined }) {
  return (
    <div role="alert">
      {error && (
        <p id={id} class="rf-err">
          {error}
        </p>
      )}
    </div>
  )
}

/**
 * A labelled textarea. With `error` given (a string, or undefined while valid) it has a live
 * region for it, linked with aria-describedby while there is an error; without, none.
 */
export function TextareaField(props: {
  id: string
  label: MessageKey
  rows: number
  value: string
  onInput(value: string): void
  error?: string | undefined
}) {
  const t = useT()
  const { id, error } = props
  const checked = 'error' in props
  return (
    <div class="rf-field">
      <label for={id}>{t(props.label)}</label>
      <textarea
        id={id}
        rows={props.rows}
        value={props.value}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={error ? `${id}-err` : undefined}
        onInput={(e) => props.onInput((e.currentTarget as HTMLTextAreaElement).value)}
      />
      {checked && <FieldAlert id={`${id}-err`} error={error} />}
    </div>
  )
}

/** The form's primary button, disabled while the submit runs. */
export function SubmitRow({ busy, children }: { busy: boolean; children: ComponentChildren }) {
  return (
    <div class="rf-actions">
      <button type="submit" class="primary" disabled={busy}>
        {children}
      </button>
    </div>
  )
}
