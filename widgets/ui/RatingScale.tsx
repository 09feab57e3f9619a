import type { MessageKey } from '../../src/i18n/index.js'
import { useRef } from 'preact/hooks'
import { useT } from './context.js'
import { useSheet } from './useSheet.js'

/** The scale's styles: a sheet of its own, added where a rating is asked (chat, requests). */
const ratingCss = `
.hf-scale{display:grid;grid-template-columns:repeat(5,minmax(0,1fr));gap:6px}
.hf-scale-option{position:relative;display:flex;flex-direction:column;align-items:center;justify-content:center;gap:2px;min-height:56px;padding:6px 2px;border:1px solid var(--hf-border);border-radius:10px;background:var(--hf-bg);text-align:center;cursor:pointer;overflow-wrap:anywhere}
.hf-scale-option input{position:absolute;inset:0;width:100%;height:100%;min-height:0;margin:0;opacity:0;cursor:pointer}
.hf-scale-num{font-size:calc(17*var(--hf-px));font-weight:600;line-height:1.2}
.hf-scale-word{font-size:calc(12*var(--hf-px));line-height:1.25;color:var(--hf-muted)}
.hf-scale-option.on{border-color:var(--hf-primary);background:var(--hf-primary);color:var(--hf-on-primary)}
.hf-scale-option.on .hf-scale-word{color:inherit}
.hf-scale-option:focus-within{outline:3px solid var(--hf-primary);outline-offset:2px}
@media (max-width:30em){.hf-scale{grid-template-columns:repeat(auto-fit,minmax(4.5em,1fr))}}
`

export interface RatingScaleProps {
  /** Radio group name, unique in the panel. */
  name: string
  value: number | undefined
  onChange(score: number): void
  /** The choice is missing after a submit: every radio says so. */
  invalid?: boolean
}

/**
 * The one rating scale of the panel (chat and tickets): five radios, each with its number and
 * its word on screen (很不满意 … 非常满意), so the scale means the same to everyone and a
 * screen reader reads "4 of 5: Good". Put it in a fieldset whose legend asks the question.
 */
export function RatingScale({ name, value, onChange, invalid }: RatingScaleProps) {
  const t = useT()
  const ref = useRef<HTMLDivElement>(null)
  useSheet('rating', ratingCss, ref)
  return (
    <div ref={ref} class="hf-scale" data-rating-scale="">
      {[1, 2, 3, 4, 5].map((n) => {
        const label = t(`rating.scale.${n}` as MessageKey)
        return (
          <label key={n} class={value === n ? 'hf-scale-option on' : 'hf-scale-option'} data-score={n}>
            <input
              type="radio"
              name={name}
              value={n}
              checked={value === n}
              aria-label={t('rating.option', { score: n, label })}
              aria-invalid={invalid ? 'true' : undefined}
              onChange={() => onChange(n)}
            />
            <span class="hf-scale-num" aria-hidden="true">
              {n}
            </span>
            <span class="hf-scale-word" aria-hidden="true">
              {label}
            </span>
          </label>
        )
      })}
    </div>
  )
}
