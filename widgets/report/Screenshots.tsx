import { useEffect, useRef, useState } from 'preact/hooks'
import { prepareImage, MAX_INPUT_BYTES, type PreparedImage } from '../../src/attachments/index.js'
import { refusedAtPick } from '../../src/attachments/image.js'
import { onUploadProgress } from '../../src/attachments/progress.js'
import { isHelpFeedbackError } from '../../src/errors/index.js'
import type { MessageKey } from '../../src/i18n/index.js'
import type { QueuedFile } from '../../src/outbox/types.js'
import { useT } from '../ui/context.js'

/** Where one picked file stands, shown on its thumbnail. */
export type ShotState = 'processing' | 'ready' | 'failed'

/** A picked file: prepared image with its preview URL, or the original while it is prepared / after it failed. */
export interface Shot {
  key: number
  state: ShotState
  image?: Pick<PreparedImage, 'blob' | 'name' | 'type' | 'size'>
  url: string | undefined
  /** The file as picked (to prepare again on retry). */
  source?: File
  error?: string
  /** A failure worth retrying (not a wrong type or an oversized file). */
  retryable?: boolean
  /**
   * A prepared image on its way to the device's storage (`saving`: no thumbnail yet, a reload
   * now would lose it) or refused by it or too slow (`unsaved`: held in this page only, still
   * sent with the report). Absent once stored, or for a list that is not kept on the device.
   */
  kept?: 'saving' | 'unsaved'
  /** Upload progress from the outbox's delivery, 0–100, while the report is being sent. */
  upload?: { percent: number; phase: 'uploading' | 'done' | 'failed' }
}

let keys = 0

/** A file refused for its type or size: it stays as a tile saying why, but takes none of the places. */
const refused = (s: Shot) => s.state === 'failed' && !s.retryable

/**
 * A picked file not prepared yet (or to be tried again): kept as picked in the draft, so a reload
 * before its thumbnail shows does not lose it. Not one refused for its type or size.
 */
export const unprepared = (s: Shot): s is Shot & { source: File } =>
  s.state !== 'ready' && !!s.source && !refused(s) && !refusedAtPick(s.source)

/** The places a list uses up: every file but the refused ones. */
export const placesUsed = (shots: readonly Shot[]) => shots.filter((s) => !refused(s)).length

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

type Image = NonNullable<Shot['image']>

export interface ShotsApi {
  shots: Shot[]
  /** Prepared images (a restored draft, a reopened report), and files still to prepare. */
  add(images: Image[], originals?: QueuedFile[]): void
  remove(key: number): void
  clear(): void
  /** What the outbox stores: the ready images only. */
  files(): QueuedFile[]
  /** The files picked and not prepared yet (see {@link unprepared}), as picked. */
  pending(): QueuedFile[]
  /** Internal to the picker: placeholders while preparing, then the outcome per file. */
  update(fn: (list: Shot[]) => Shot[]): void
  /** Whether the list is kept on the device: a prepared image shows once it is stored (see {@link Shot.kept}). */
  persisted: boolean
  /** What became of the storing of these images: stored (their thumbnails show), or not. */
  settle(keys: readonly number[], stored: boolean): void
}

const ready = (image: Image): Shot => ({ key: ++keys, state: 'ready', image, url: previewUrl(image.blob) })
/** A file kept as picked: prepared again by the picker. */
const waiting = (f: QueuedFile): Shot => ({
  key: ++keys,
  state: 'processing',
  url: undefined,
  source: f.blob instanceof File ? f.blob : new File([f.blob], f.name, { type: f.type }),
})

/**
 * Holds picked images (`initial`: prepared ones; `originals`: files still to prepare); every
 * preview URL is revoked on removal and on unmount. Tracks their upload progress.
 */
export function useShots(initial: Image[] = [], originals: QueuedFile[] = [], persisted = false): ShotsApi {
  const [shots, setShots] = useState<Shot[]>(() => [...initial.map(ready), ...originals.map(waiting)])
  const live = useRef(shots)
  live.current = shots
  useEffect(() => () => live.current.forEach((s) => s.url && URL.revokeObjectURL(s.url)), [])
  // Upload events name a file by name and size (the outbox may deliver a stored copy of the Blob).
  useEffect(
    () =>
      onUploadProgress((p) => {
        const match = live.current.find(
          (s) => s.state === 'ready' && s.image?.name === p.name && s.image.blob.size === p.size,
        )
        if (!match) return
        const percent = p.total > 0 ? Math.min(100, Math.round((p.loaded / p.total) * 100)) : 0
        setShots((list) =>
          list.map((s) =>
            s.key === match.key ? { ...s, upload: { percent: p.phase === 'done' ? 100 : percent, phase: p.phase } } : s,
          ),
        )
      }),
    [],
  )
  // The actions change nothing but state and never differ between renders: effects can depend on them.
  const [actions] = useState<Omit<ShotsApi, 'shots'>>(() => ({
    add: (images, later = []) => setShots((list) => [...list, ...images.map(ready), ...later.map(waiting)]),
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
    files: () =>
      live.current.flatMap((s) =>
        s.state === 'ready' && s.image ? [{ blob: s.image.blob, name: s.image.name, type: s.image.type }] : [],
      ),
    pending: () =>
      live.current.filter(unprepared).map(({ source }) => ({ blob: source, name: source.name, type: source.type })),
    update: (fn) => setShots(fn),
    persisted,
    settle: (keys, stored) =>
      setShots((list) =>
        list.map((s) => {
          if (!s.kept || !keys.includes(s.key)) return s
          if (stored) {
            const { kept: _done, ...rest } = s
            return rest
          }
          return { ...s, kept: 'unsaved' }
        }),
      ),
  }))
  return { shots, ...actions }
}

/** One thumbnail: the image (or a placeholder), its state in words, an upload bar, × to remove, retry when it failed. */
function Tile({
  shot,
  n,
  onRemove,
  onRetry,
  id,
  locked,
}: {
  shot: Shot
  n: number
  onRemove(): void
  onRetry(): void
  id: string
  locked: boolean | undefined
}) {
  const t = useT()
  const name = t('reportUi.screenshots.preview', { number: n })
  const state =
    shot.state === 'ready' && shot.upload
      ? shot.upload.phase
      : shot.state === 'ready' && shot.kept
        ? shot.kept
        : shot.state
  const stateId = `${id}-state`
  const words =
    (state === 'failed' && shot.error) ||
    t(`reportUi.screenshots.state.${state}`, { percent: shot.upload?.percent ?? 0 })
  return (
    <li class="rf-tile" data-state={state} data-shot={n}>
      {/* No thumbnail before the image is stored: the user takes it as kept (a reload then would lose it). */}
      {shot.url && state !== 'saving' ? (
        <img src={shot.url} alt={name} />
      ) : (
        <span class="rf-ph" role="img" aria-label={name} />
      )}
      <span id={stateId} class="rf-tile-state" data-tile-state>
        {words}
      </span>
      {state === 'uploading' && (
        <progress
          max={100}
          value={shot.upload?.percent ?? 0}
          aria-label={t('reportUi.screenshots.uploadOf', { name })}
        />
      )}
      {state === 'failed' && shot.source && shot.retryable && (
        <button type="button" class="secondary" data-retry disabled={locked} onClick={onRetry}>
          {t('reportUi.screenshots.retry', { name })}
        </button>
      )}
      {state !== 'uploading' && state !== 'done' && (
        <button
          type="button"
          class="rf-x"
          aria-label={t('reportUi.screenshots.remove', { name })}
          aria-describedby={stateId}
          data-remove
          disabled={locked}
          onClick={onRemove}
        >
          <span aria-hidden="true">×</span>
        </button>
      )}
    </li>
  )
}

/**
 * The screenshot picker: images only, prepared on the device (resized, metadata removed).
 * Each file is a thumbnail at once, with its own state: preparing → ready → uploading (a
 * progress bar from the transport's upload events) → uploaded, or failed with a retry.
 */
export function Screenshots(props: {
  api: ShotsApi
  max: number
  id: string
  label: MessageKey
  help?: MessageKey
  error?: string | undefined
  /**
   * The report is being sent: nothing picked, removed or tried again until it is answered (its
   * draft is cleared once it is queued; a change then would write it back, with what was sent).
   */
  locked?: boolean
}) {
  const t = useT()
  const { api, max, id } = props
  const [problems, setProblems] = useState<string[]>([])
  const input = useRef<HTMLInputElement>(null)
  const list = useRef<HTMLUListElement>(null)
  // Files being prepared here; any other one waiting was kept from before a reload.
  const started = useRef(new Set<number>())
  const helpId = `${id}-help`
  const errId = `${id}-err`
  const busy = api.shots.some((s) => s.state === 'processing')
  const used = placesUsed(api.shots)
  const full = used >= max

  const reason = (error: unknown, file: File) => {
    const code = isHelpFeedbackError(error) ? error.code : 'file_type'
    const limit = (error as { limit?: number }).limit ?? MAX_INPUT_BYTES
    return t(`error.${code}` as MessageKey, { name: file.name || 'image', max: formatBytes(limit) })
  }

  const prepare = async (key: number, file: File, index: number) => {
    try {
      const image = await prepareImage(file, { index })
      const kept = api.persisted ? { kept: 'saving' as const } : {}
      api.update((l) =>
        l.map((s) => (s.key === key ? { key, state: 'ready', image, url: previewUrl(image.blob), ...kept } : s)),
      )
    } catch (error) {
      const why = reason(error, file)
      const code = isHelpFeedbackError(error) ? error.code : 'file_type'
      const retryable = code !== 'file_type' && code !== 'file_too_large'
      api.update((l) => l.map((s) => (s.key === key ? { ...s, state: 'failed', error: why, retryable } : s)))
      setProblems((p) => [...p, why])
    }
  }

  const onPick = async (e: Event) => {
    const el = e.currentTarget as HTMLInputElement
    const picked = [...(el.files ?? [])]
    el.value = ''
    if (picked.length === 0) return
    // A file refused for its type or size takes no place: it gets its tile (saying why), and
    // the places left go to the files that may be images, in the order they were picked.
    let room = Math.max(0, max - placesUsed(api.shots))
    const taken = picked.filter((f) => {
      if (refusedAtPick(f)) return true
      if (room === 0) return false
      room -= 1
      return true
    })
    setProblems(taken.length < picked.length ? [t('report.error.screenshots')] : [])
    const start = api.shots.length
    const placeholders: Shot[] = taken.map((source) => ({ key: ++keys, state: 'processing', url: undefined, source }))
    placeholders.forEach((p) => started.current.add(p.key))
    api.update((l) => [...l, ...placeholders])
    // Focus stays with the files: on the first new thumbnail's remove button once it is there.
    requestAnimationFrame(() =>
      list.current?.querySelector<HTMLElement>(`[data-shot="${start + 1}"] [data-remove]`)?.focus(),
    )
    for (const [i, p] of placeholders.entries()) await prepare(p.key, p.source!, start + i)
  }

  // Files kept as picked before a reload (or a report reopened): prepared now, one after another.
  useEffect(() => {
    const todo = api.shots.flatMap((s, i) =>
      s.state === 'processing' && s.source && !started.current.has(s.key) ? [[s.key, s.source, i] as const] : [],
    )
    if (!todo.length) return
    todo.forEach(([key]) => started.current.add(key))
    void (async () => {
      for (const [key, source, i] of todo) await prepare(key, source, i)
    })()
  })

  const remove = (key: number, i: number) => {
    api.remove(key)
    // Focus moves to the next thumbnail's ×, or to the picker.
    requestAnimationFrame(() =>
      (list.current?.querySelectorAll<HTMLElement>('[data-remove]')[i] ?? input.current)?.focus(),
    )
  }

  const retry = (shot: Shot, i: number) => {
    const source = shot.source
    if (!source) return
    api.update((l) =>
      l.map((s) => (s.key === shot.key ? { key: s.key, state: 'processing', url: undefined, source } : s)),
    )
    setProblems((p) => p.filter((x) => x !== shot.error))
    void prepare(shot.key, source, i)
  }

  const notStored = api.shots.some((s) => s.kept === 'unsaved')
  // The picker is described by the alert whenever it says something (not stored on the device too).
  const describedBy = [helpId, props.error || problems.length || notStored ? errId : ''].filter(Boolean).join(' ')
  return (
    <div class="rf-field" data-field="screenshots">
      <span class="rf-row">
        <b id={`${id}-label`}>{t(props.label)}</b>
      </span>
      <p id={helpId} class="rf-help">
        {props.help ? `${t(props.help)} ` : ''}
        {t('reportUi.screenshots.rules', { max: formatBytes(MAX_INPUT_BYTES) })}{' '}
        {t('reportUi.screenshots.count', { count: max })}
      </p>
      {api.shots.length > 0 && (
        <ul ref={list} class="rf-tiles" aria-labelledby={`${id}-label`}>
          {api.shots.map((s, i) => (
            <Tile
              key={s.key}
              shot={s}
              n={i + 1}
              id={`${id}-${s.key}`}
              onRemove={() => remove(s.key, i)}
              onRetry={() => retry(s, i)}
              locked={props.locked}
            />
          ))}
        </ul>
      )}
      {full ? (
        <p class="rf-help">{t('reportUi.screenshots.full')}</p>
      ) : (
        <label class="secondary rf-file rf-row">
          {t('reportUi.screenshots.add')}
          <input
            ref={input}
            id={id}
            type="file"
            accept="image/png,image/jpeg,image/webp"
            multiple={max - used > 1}
            aria-describedby={describedBy}
            aria-invalid={props.error ? 'true' : undefined}
            disabled={busy || props.locked}
            onChange={(e) => void onPick(e)}
          />
        </label>
      )}
      <p role="status" class="sr-only">
        {busy ? t('reportUi.screenshots.processing') : ''}
      </p>
      <div id={errId} role="alert" class="rf-err">
        {props.error && <p class="rf-err">{props.error}</p>}
        {notStored && (
          <p class="rf-err" data-not-stored>
            {t('reportUi.screenshots.notStored')}
          </p>
        )}
        {problems.map((p) => (
          <p class="rf-err" key={p}>
            {p}
          </p>
        ))}
      </div>
    </div>
  )
}
