/**
 * The single-file script-tag build, for hosts that cannot serve a folder of chunks (the
 * loader, `widgets/loader.ts`, is the lean default): `window.HelpFeedback`. Calls made before the script loaded
 * are queued by the snippet and replayed here, in order:
 *
 * ```html
 * <script>
 *   window.HelpFeedback = window.HelpFeedback || function () { (HelpFeedback.q = HelpFeedback.q || []).push(arguments) }
 *   HelpFeedback('init', { locale: 'zh-CN', transport: { type: 'rest', baseUrl: '/support-api' } })
 * </script>
 * <script async src="https://cdn.example/help-feedback.global.js"></script>
 * ```
 */
import { createHelpFeedback, type HelpFeedback } from './index.js'
import { defineHelpFeedbackElement } from './element.js'
import type { WidgetOptions } from '../src/options/index.js'
import { hasOwn } from '../src/hasOwn.js'

type Command = 'init' | 'open' | 'close' | 'identify' | 'logout' | 'setLocale' | 'setTheme' | 'onEvent' | 'destroy'

interface GlobalApi {
  (command: Command, ...args: unknown[]): unknown
  q?: ArrayLike<unknown>[]
  create: typeof createHelpFeedback
  instance?: HelpFeedback
}

// Loaded outside a browser (a server bundle that pulls in every export), it defines nothing global.
const w = (typeof window === 'undefined' ? {} : window) as unknown as { HelpFeedback?: GlobalApi }
const queued = w.HelpFeedback?.q ?? []

const api = ((command: Command, ...args: unknown[]) => {
  if (command === 'init') {
    api.instance?.destroy()
    api.instance = createHelpFeedback((args[0] ?? {}) as WidgetOptions).mount()
    return api.instance
  }
  const instance = api.instance
  if (!instance) {
    console.error(`help-feedback: call HelpFeedback('init', options) before '${command}'`)
    return undefined
  }
  // The API's own methods only: `constructor` or `hasOwnProperty` are not commands.
  const method = (hasOwn(instance, command) ? instance[command] : undefined) as
    ((...a: unknown[]) => unknown) | undefined
  if (typeof method !== 'function') {
    console.error(`help-feedback: unknown command '${String(command)}'`)
    return undefined
  }
  return method.apply(instance, args)
}) as GlobalApi
api.create = createHelpFeedback

w.HelpFeedback = api
defineHelpFeedbackElement()
for (const call of queued) {
  try {
    // Its work failing later (open('nope'), a refused identify) goes to the console as well: the
    // page's snippet had no promise to catch it with.
    const result = api(...(Array.from(call) as [Command, ...unknown[]]))
    if (result instanceof Promise) result.catch(console.error)
  } catch (error) {
    // A bad queued call (e.g. invalid options) must not stop the ones after it.
    console.error(error)
  }
}
