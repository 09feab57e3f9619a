import type { ComponentChildren, JSX, Ref } from 'preact'
import type { DraftText } from './useDraftText.js'

type Props = Omit<JSX.TextareaHTMLAttributes<HTMLTextAreaElement>, 'ref' | 'value' | 'onInput' | 'label'> & {
  id: string
  /** The text it shows and keeps (see `useDraftText`). */
  draft: DraftText
  label: string
  labelClass?: string
  /** Between the label and the box, e.g. a hint the box is described by. */
  children?: ComponentChildren
  boxRef: Ref<HTMLTextAreaElement>
  /** After each input was kept in the draft. */
  onText?(value: string): void
}

/** A labelled textarea over a draft, the view's first focus: what the user writes survives a reload. */
export function DraftTextarea({ id, draft, label, labelClass, children, boxRef, onText, ...box }: Props) {
  return (
    <>
      <label class={labelClass} for={id}>
        {label}
      </label>
      {children}
      <textarea
        {...box}
        ref={boxRef}
        id={id}
        data-autofocus
        value={draft.value}
        onInput={(e) => {
          const value = (e.currentTarget as HTMLTextAreaElement).value
          draft.set(value)
          onText?.(value)
        }}
      />
    </>
  )
}
