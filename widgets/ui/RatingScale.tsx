import type { MessageKey } from '../../src/i18n/index.js'
import { useT } from './context.js'

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
  return (
    <div class="hf-scale" data-rating-scale="">
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
