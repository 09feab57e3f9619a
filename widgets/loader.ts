/**
 * The script-tag loader (`dist/loader.js`, under 3 KB): what a page puts in a classic
 * `<script>`. It queues `HelpFeedback(command, …)` calls and loads the ESM entry
 * (`help-feedback.js`, then its lazy chunks) from the folder it was itself loaded from:
 *
 * - when the page is idle after `init`, since the launcher is drawn by the entry
 *   (with `launcher: false`, only on intent or on a call that needs the SDK);
 * - at once on intent: hover, focus or touch of an element with `data-help-open`;
 * - at once on `open`, `identify`, `logout` or `client`.
 *
 * A dynamic `import()` from a classic script carries that script's nonce, so the loader works
 * under `script-src 'nonce-…' 'strict-dynamic'`; its nonce is also the SDK's default `nonce`
 * option (for the `<style>` elements). The single-file build (`help-feedback.global.js`) stays
 * for hosts that cannot serve the chunks.
 *
 * ```html
 * <script>
 *   window.HelpFeedback = window.HelpFeedback || function () { (HelpFeedback.q = HelpFeedback.q || []).push(arguments) }
 *   HelpFeedback('init', { locale: 'zh-CN', transport: { type: 'rest', baseUrl: '/support-api' } })
 * </script>
 * <script async src="https://cdn.example.com/help-feedback/loader.js"></script>
 * ```
 */
import type { HelpFeedback } from './index.js'
import type { WidgetOptions } from '../src/options/index.js'
import { hasOwn } from '../src/hasOwn.js'

type Entry = typeof import('./index.js')
/** `log`: a call from the page's snippet, whose promise nobody holds: its failure goes to the console. */
type Call = [
  args: unknown[],
  done: (value: unknown) => void,
  failed: (error: unknown) => void,
  log: boolean | undefined,
]

interface LoaderApi {
  (command: string, ...args: unknown[]): unknown
  q?: ArrayLike<unknown>[]
  /** Loads the SDK now; resolves with the entry module (`createHelpFeedback`, …). */
  load(): Promise<Entry>
  instance?: HelpFeedback
}

/** Commands that need the SDK itself, so they load it at once instead of waiting for idle. */
const EAGER = ['open', 'identify', 'logout', 'client']

// Loaded outside a browser (a server bundle that imports every export), it does nothing.
if (typeof document !== 'undefined') {
  const w = window as unknown as { HelpFeedback?: LoaderApi }
  const script = document.currentScript as HTMLScriptElement | null
  const base = script?.src || location.href
  const nonce = script?.nonce
  const calls: Call[] = []
  let entry: Entry | undefined
  let loading: Promise<Entry> | undefined

  const run = (m: Entry, args: unknown[]): unknown => {
    const [command, ...rest] = args as [string, ...unknown[]]
    if (command === 'init') {
      api.instance?.destroy()
      const options = { ...(rest[0] as WidgetOptions) }
      if (nonce && !options.nonce) options.nonce = nonce
      return (api.instance = m.createHelpFeedback(options).mount())
    }
    // The API's own methods only: `constructor` or `hasOwnProperty` are not commands.
    const instance = api.instance
    const method = instance && hasOwn(instance, command) ? instance[command as keyof HelpFeedback] : undefined
    if (typeof method !== 'function')
      throw new Error(
        `help-feedback: ${api.instance ? 'unknown command' : "call HelpFeedback('init', options) before"} '${command}'`,
      )
    return (method as (...a: unknown[]) => unknown).apply(api.instance, rest)
  }

  const load = (): Promise<Entry> =>
    (loading ??= import(/* @vite-ignore */ new URL('help-feedback.js', base).href).then(
      (m: Entry) => {
        entry = m
        // A bad queued call (invalid options, say) must not stop the ones after it. A call from
        // the page's snippet had no promise to catch its failure with (open('nope'), a refused
        // identify): it goes to the console. A call made on this function gave the page its
        // promise, which rejects as it would after loading.
        for (const [args, done, failed, log] of calls.splice(0)) {
          try {
            const result = run(m, args)
            if (log && result instanceof Promise) result.catch(console.error)
            done(result)
          } catch (error) {
            if (log) console.error(error)
            failed(error)
          }
        }
        return m
      },
      (error: unknown) => {
        loading = undefined
        throw error
      },
    ))

  const call = (args: unknown[], log?: boolean): unknown => {
    if (entry) return run(entry, args)
    const queued = new Promise((done, failed) => calls.push([args, done, failed, log]))
    const command = args[0] as string
    if (EAGER.includes(command)) void load().catch(console.error)
    else if (command === 'init' && (args[1] as WidgetOptions | undefined)?.launcher !== false) {
      const later = () =>
        typeof requestIdleCallback === 'function'
          ? requestIdleCallback(() => void load().catch(console.error), { timeout: 3000 })
          : setTimeout(() => void load().catch(console.error), 1)
      if (document.readyState === 'complete') later()
      else addEventListener('load', later, { once: true })
    }
    return queued
  }
  const api = ((...args: unknown[]) => call(args)) as LoaderApi
  api.load = load

  for (const type of ['pointerover', 'focusin', 'touchstart']) {
    document.addEventListener(
      type,
      (e) => {
        if ((e.target as Element | null)?.closest?.('[data-help-open]')) void load().catch(() => {})
      },
      { capture: true, passive: true },
    )
  }

  const earlier = Array.from(w.HelpFeedback?.q ?? [])
  w.HelpFeedback = api
  for (const args of earlier) void (call(Array.from(args), true) as Promise<unknown>).catch(() => {})
}
