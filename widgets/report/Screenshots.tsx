import { useEffect, useRef, useState } from 'preact/hooks'
import { prepareImage, MAX_INPUT_BYTES, type PreparedImage } from '../../src/attachments/index.js'
import { isHelpFeedbackError } from '../../src/errors/index.js'
import type { MessageKey } from '../../src/i18n/index.js'
import type { QueuedFile } from '../../src/outbox/types.js'
import { usePanel, useT } from '../ui/context.js'

/** A prepared image with its preview URL. */
export interface Shot {
  key: number
  image: Pick<PreparedImage, 'blob' | 'name' | 'type' | 'size'>
  url: string | undefined
}

let keys = 0

function previewUrl(blob: Blob): string | undefined {
  try {
    return URL.createObjectURL(blob)
  } catch {
    return undefined
  }
}

/** "10 MB": byte limits in the user's eyes. */
export function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB` : `${Math.ceil(bytes / 1024)} KB`
}

export interface ShotsApi {
  shots: Shot[]
  add(images: Array<Shot['image']>): void
  remove(key: number): void
  clear(): void
  /** What the outbox stores. */
  files(): QueuedFile[]
}

/** Holds picked images; every preview URL is revoked on removal and on unmount. */
export function useShots(initial: Array<Shot['image']> = []): ShotsApi {
  const [shots, setShots] = useState<Shot[]>(() => initial.map((image) => ({ key: ++keys, image, url: previewUrl(image.blob) })))
  const live = useRef(shots)
  live.current = shots
  useEffect(() => () => live.current.forEach((s) => s.url && URL.revokeObjectURL(s.url)), [])
  return {
    shots,
    add: (images) => setShots((list) => [...list, ...images.map((image) => ({ key: ++keys, image, url: previewUrl(image.blob) }))]),
    remove: (key) =>
      setShots((list) => {
        const gone = list.find((s) => s.key === key)
        if (gone?.url) URL.revokeObjectURL(gone.url)
        return list.filter((s) => s.key !== key)
      }),
    clear: () =>
      setShots((list) => {
        list.forEach((s) => s.url && URL.revokeObjectURL(s.url))
        return []
      }),
    files: () => live.current.map((s) => ({ blob: s.image.blob, name: s.image.name, type: s.image.type })),
  }
}

/**
 * The screenshot picker: images only, prepared on the device (resized, metadata removed),
 * previews with a remove button each. A refused file is named in an alert; nothing else is lost.
 */
export function Screenshots(props: { api: ShotsApi; max: number; id: string; label: MessageKey; help?: MessageKey; error?: string | undefined }) {
  const { client } = usePanel()
  const t = useT()
  const { api, max, id } = props
  const [busy, setBusy] = useState(false)
  const [problems, setProblems] = useState<string[]>([])
  const helpId = `${id}-help`
  const errId = `${id}-err`
  const full = api.shots.length >= max

  const onPick = async (e: Event) => {
    const input = e.currentTarget as HTMLInputElement
    const picked = [...(input.files ?? [])]
    input.value = ''
    if (picked.length === 0) return
    setBusy(true)
    const ready: Array<Shot['image']> = []
    const refused: string[] = []
    for (const file of picked) {
      if (api.shots.length + ready.length >= max) {
        refused.push(t('report.error.screenshots'))
        break
      }
      try {
        ready.push(await prepareImage(file, { index: api.shots.length + ready.length }))
      } catch (error) {
        const code = isHelpFeedbackError(error) ? error.code : 'file_type'
        const limit = (error as { limit?: number }).limit ?? MAX_INPUT_BYTES
        refused.push(t(`error.${code}` as MessageKey, { name: file.name || 'image', max: formatBytes(limit) }))
      }
    }
    api.add(ready)
    setProblems(refused)
    setBusy(false)
  }

  const describedBy = [helpId, props.error || problems.length ? errId : ''].filter(Boolean).join(' ')
  return (
    <div class="rf-field" data-field="screenshots">
      <span class="rf-row">
        <b id={`${id}-label`}>{t(props.label)}</b>
      </span>
      <p id={helpId} class="rf-help">
        {props.help ? `${t(props.help)} ` : ''}
        {t('reportUi.screenshots.rules', { max: formatBytes(MAX_INPUT_BYTES) })} {t('reportUi.screenshots.count', { count: max })}
      </p>
      {api.shots.length > 0 && (
        <ul class="rf-shots">
          {api.shots.map((s, i) => (
            <li class="rf-shot" key={s.key}>
              {s.url ? <img src={s.url} alt={t('reportUi.screenshots.preview', { number: i + 1 })} /> : <span>{t('reportUi.screenshots.preview', { number: i + 1 })}</span>}
              <button type="button" class="secondary" onClick={() => api.remove(s.key)}>
                {t('reportUi.screenshots.remove', { name: t('reportUi.screenshots.preview', { number: i + 1 }) })}
              </button>
            </li>
          ))}
        </ul>
      )}
      {full ? (
        <p class="rf-help">{t('reportUi.screenshots.full')}</p>
      ) : (
        <label class="secondary rf-file rf-row">
          {t('reportUi.screenshots.add')}
          <input
            id={id}
            type="file"
            accept="image/png,image/jpeg,image/webp"
            multiple={max - api.shots.length > 1}
            aria-describedby={describedBy}
            aria-invalid={props.error ? 'true' : undefined}
            disabled={busy}
            onChange={(e) => void onPick(e)}
          />
        </label>
      )}
      <p role="status" class="rf-help">{busy ? t('reportUi.screenshots.processing') : ''}</p>
      <div id={errId} role="alert" class="rf-err">
        {props.error && <p class="rf-err">{props.error}</p>}
        {problems.map((p) => (
          <p class="rf-err" key={p}>{p}</p>
        ))}
      </div>
    </div>
  )
}
