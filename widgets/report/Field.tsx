import { fromLocalInput, toLocalInput } from '../../src/reports/flow.js'
import type { MessageKey } from '../../src/i18n/index.js'
import { DESCRIPTION_MIN_WEIGHT, descriptionWeight, type FieldDef } from '../../src/reports/index.js'
import type { FieldValue } from '../../src/types.js'
import { useT } from '../ui/context.js'

export interface FieldProps {
  def: FieldDef
  id: string
  value: FieldValue | undefined
  required: boolean
  /** Localized error text; sets aria-invalid and is linked with aria-describedby. */
  error: string | undefined
  onInput(value: FieldValue): void
  /** The user left the field (change/blur): the form masks the value then. */
  onCommit(): void
  /** The panel focuses this field's control (not the form's heading) when the view shows. */
  autoFocus?: boolean
  /**
   * The report is being sent: nothing can be changed until it is answered. Text stays focusable
   * and readable (read-only); a choice, which cannot be read-only, is disabled.
   */
  locked?: boolean
}

const text = (v: FieldValue | undefined) => (v === null || v === undefined ? '' : String(v))

/** Input attributes per field kind: the right keyboard on phones, no autocorrect on numbers. */
function inputAttrs(def: FieldDef): Record<string, string | number> {
  switch (def.kind) {
    case 'amount':
    case 'balance':
      return { inputMode: 'decimal', autoComplete: 'off' }
    case 'currency':
      return { maxLength: 3, autoCapitalize: 'characters', autoComplete: 'off', spellcheck: 'false' }
    case 'last4':
      return { inputMode: 'numeric', maxLength: 4, autoComplete: 'off' }
    case 'integer':
      return { inputMode: 'numeric', maxLength: 2, autoComplete: 'off' }
    case 'reference':
      return {
        autoCapitalize: 'off',
        autoComplete: 'off',
        spellcheck: 'false',
        ...(def.maxLength ? { maxLength: def.maxLength } : {}),
      }
    default:
      return def.maxLength ? { maxLength: def.maxLength } : {}
  }
}

/**
 * One report field from its definition: a visible label with a required mark in text, help,
 * and an error linked with aria-describedby. Booleans are a yes/no radio group.
 */
export function Field({ def, id, value, required, error, onInput, onCommit, autoFocus, locked }: FieldProps) {
  const t = useT()
  const helpId = def.helpKey ? `${id}-help` : ''
  const errId = `${id}-err`
  // The description's minimum is shown up front as a live counter, not discovered as an error.
  const counterId = def.kind === 'textarea' && def.name === 'description' ? `${id}-count` : ''
  const describedBy = [helpId, counterId, error ? errId : ''].filter(Boolean).join(' ') || undefined
  const invalid: 'true' | undefined = error ? 'true' : undefined
  const mark = required ? <span class="rf-req">{t('reportUi.required')}</span> : null
  const help = def.helpKey ? (
    <p id={helpId} class="rf-help">
      {t(def.helpKey)}
    </p>
  ) : null
  const err = error ? (
    <p id={errId} class="rf-err">
      {error}
    </p>
  ) : null
  const str = (e: Event) => (e.currentTarget as HTMLInputElement).value

  if (def.kind === 'boolean') {
    return (
      <div class="rf-field" data-field={def.name}>
        <fieldset aria-describedby={describedBy}>
          <legend>
            {t(def.labelKey)}
            {mark}
          </legend>
          {help}
          <div class="rf-choices">
            {([true, false] as const).map((choice, i) => (
              <label class="rf-choice" key={String(choice)}>
                <input
                  type="radio"
                  name={id}
                  id={i === 0 ? id : undefined}
                  checked={value === choice}
                  aria-invalid={invalid}
                  aria-describedby={describedBy}
                  required={required}
                  disabled={locked}
                  onChange={() => {
                    onInput(choice)
                    onCommit()
                  }}
                />
                {t(choice ? 'report.option.yes' : 'report.option.no')}
              </label>
            ))}
          </div>
          {err}
        </fieldset>
      </div>
    )
  }

  const common = {
    id,
    'aria-invalid': invalid,
    'aria-describedby': describedBy,
    'aria-required': required ? ('true' as const) : undefined,
    onBlur: onCommit,
    'data-autofocus': autoFocus ? true : undefined,
  }
  const readOnly = { readOnly: locked, 'aria-readonly': locked ? ('true' as const) : undefined }
  let control
  if (def.kind === 'select') {
    control = (
      <select {...common} disabled={locked} value={text(value)} onChange={(e) => onInput(str(e))}>
        <option value="">{t('reportUi.choose')}</option>
        {(def.options ?? []).map((o) => (
          <option key={o} value={o}>
            {t(`report.option.${def.name}.${o}` as MessageKey)}
          </option>
        ))}
      </select>
    )
  } else if (def.kind === 'textarea') {
    control = (
      <textarea
        {...common}
        {...readOnly}
        rows={5}
        maxLength={def.maxLength}
        value={text(value)}
        onInput={(e) => onInput(str(e))}
        onChange={onCommit}
      />
    )
  } else if (def.kind === 'datetime') {
    control = (
      <input
        {...common}
        {...readOnly}
        type="datetime-local"
        step={60}
        value={toLocalInput(text(value))}
        onChange={(e) => onInput(fromLocalInput(str(e)))}
      />
    )
  } else if (def.kind === 'date') {
    control = <input {...common} {...readOnly} type="date" value={text(value)} onInput={(e) => onInput(str(e))} />
  } else {
    control = (
      <input
        {...common}
        {...readOnly}
        type="text"
        {...inputAttrs(def)}
        value={text(value)}
        onInput={(e) => onInput(str(e))}
        onChange={onCommit}
      />
    )
  }
  return (
    <div class="rf-field" data-field={def.name}>
      <label for={id}>
        {t(def.labelKey)}
        {mark}
      </label>
      {help}
      {control}
      {counterId ? (
        <Counter id={counterId} text={text(value)} max={def.maxLength ?? 0} />
      ) : def.kind === 'textarea' && def.maxLength ? (
        <span class="rf-help" aria-hidden="true">
          {t('reportUi.chars', { count: text(value).length, max: def.maxLength })}
        </span>
      ) : null}
      {err}
    </div>
  )
}

/** "Write at least 10 characters (4 so far)" until the minimum is met, then the length against the maximum. */
function Counter({ id, text, max }: { id: string; text: string; max: number }) {
  const t = useT()
  const weight = descriptionWeight(text)
  const met = weight >= DESCRIPTION_MIN_WEIGHT
  return (
    <span id={id} class="rf-help rf-counter" data-counter={met ? 'met' : 'short'}>
      {met
        ? t('reportUi.desc.ok', { count: text.length, max })
        : t('reportUi.desc.min', { min: DESCRIPTION_MIN_WEIGHT, count: weight })}
    </span>
  )
}
