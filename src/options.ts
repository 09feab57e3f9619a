import { ConfigError } from './errors/ConfigError.js'
import type { MessageOverrides } from './i18n/translate.js'
import type { Transport } from './transports/types.js'
import type { Article, Locale, TransactionRef, UserIdentity } from './types.js'
import type { HelpFeedbackEvent } from './events.js'
import type { BridgeOptions } from './bridge/types.js'
import type { ChannelsOption } from './contact/channels.js'
import { HHMM, httpsUrl, isDateKey, isEmailAddress, isTimeZone, telHref } from './contact/urls.js'

/** A declarative transport for script-tag users; resolved lazily so it costs nothing up front. */
export type TransportSpec =
  | { type: 'memory' }
  | { type: 'rest'; baseUrl: string; getUserToken?: () => Promise<string> | string }

/** A transport, a factory for one (called on first use), or a declarative spec. */
export type TransportOption = Transport | (() => Transport | Promise<Transport>) | TransportSpec

/** Options of the headless client (`help-feedback/core`). */
export interface SupportOptions {
  /** Ticket backend. Default: the in-browser memory transport (demo / offline only). */
  transport?: TransportOption
  /** `auto` follows `navigator.languages`. Default `auto`. */
  locale?: Locale | 'auto'
  /** Per-locale string overrides, e.g. `{ 'zh-CN': { 'panel.title': '帮助中心' } }`. */
  messages?: MessageOverrides
  user?: UserIdentity
  /** Called for every SDK event (`domain:verb`): analytics, logging. */
  onEvent?: (event: HelpFeedbackEvent) => void
  /** Host actions the SDK asks for, e.g. `freeze-account`, `open-url`. */
  onAction?: (action: string, payload?: Record<string, unknown>) => void | Promise<void>
  /** Recent transactions, so the user can pick the one they report. */
  getRecentTransactions?: () => Promise<TransactionRef[]> | TransactionRef[]
  /** Host app version, shown to agents and in the self-check. */
  appVersion?: string
  /**
   * Where help articles come from. `url`: a prebuilt index (`npm run index:articles`) fetched on
   * first search and cached for offline use; `index`: the same JSON inline; `articles`: raw
   * articles indexed on the device. Default: the transport's `listArticles`.
   */
  articles?: { url?: string; index?: unknown; articles?: Article[] }
  /**
   * Contact channels shown in the contact panel: hotline, e-mail, website, social accounts and
   * service points, with weekly hours and holidays in the operator's `timeZone`.
   */
  channels?: ChannelsOption
  /** Hybrid-app bridge to a native host (docs/bridge.md): the origins it may talk to. */
  bridge?: BridgeOptions
}

/** Visual options of the widget (`help-feedback`). */
export interface WidgetOptions extends SupportOptions {
  theme?: 'light' | 'dark' | 'auto'
  /** Brand colours as CSS colour strings; they become CSS variables on `:host`. */
  colors?: { primary?: string; onPrimary?: string; background?: string; text?: string }
  position?: 'bottom-right' | 'bottom-left'
  /** Stacking level of the launcher and the panel. Default 2147483000. */
  zIndex?: number
  /** CSP nonce put on the SDK's `<style>` element(s). */
  nonce?: string
  /** Show the floating launcher button. Set false when the app has its own entry. Default true. */
  launcher?: boolean
  /** Where to mount; default `document.body`. */
  container?: Element
}

type Check = (value: unknown, path: string) => void

const fail = (path: string, problem: string): never => {
  throw new ConfigError(path, problem)
}
const show = (v: unknown) => (typeof v === 'string' ? `"${v}"` : typeof v === 'object' ? (v === null ? 'null' : Array.isArray(v) ? 'an array' : 'an object') : String(v))
const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)

const str: Check = (v, p) => { if (typeof v !== 'string' || v.trim() === '') fail(p, `expected a non-empty string, got ${show(v)}`) }
const bool: Check = (v, p) => { if (typeof v !== 'boolean') fail(p, `expected true or false, got ${show(v)}`) }
const fn: Check = (v, p) => { if (typeof v !== 'function') fail(p, `expected a function, got ${show(v)}`) }
const oneOf = (...values: string[]): Check => (v, p) => {
  if (!values.includes(v as string)) fail(p, `expected one of ${values.map((x) => `"${x}"`).join(', ')}, got ${show(v)}`)
}
const int = (min: number, max: number): Check => (v, p) => {
  if (!Number.isInteger(v) || (v as number) < min || (v as number) > max) fail(p, `expected an integer from ${min} to ${max}, got ${show(v)}`)
}
const obj = (shape: Record<string, Check>, required: string[] = []): Check => (v, p) => {
  if (!isObj(v)) return fail(p, `expected an object, got ${show(v)}`)
  for (const k of required) if (v[k] === undefined) fail(`${p}.${k}`, 'is required')
  for (const [k, val] of Object.entries(v)) {
    const check = shape[k]
    if (!check) fail(`${p}.${k}`, `unknown option${suggest(k, Object.keys(shape))}`)
    else if (val !== undefined) check(val, `${p}.${k}`)
  }
}
const record = (check: Check): Check => (v, p) => {
  if (!isObj(v)) return fail(p, `expected an object, got ${show(v)}`)
  for (const [k, val] of Object.entries(v)) check(val, `${p}.${k}`)
}

/** "did you mean" for typos in option names: same letters, at most 2 edits away. */
function suggest(key: string, known: string[]): string {
  const near = known.find((k) => distance(k.toLowerCase(), key.toLowerCase()) <= 2)
  return near ? ` (did you mean "${near}"?)` : ''
}
function distance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i)
  for (let i = 1; i <= a.length; i++) {
    const cur = [i]
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1))
    prev = cur
  }
  return prev[b.length]!
}

const LOCALES = ['zh-CN', 'en', 'zh-TW']
const transport: Check = (v, p) => {
  if (typeof v === 'function') return
  if (!isObj(v)) return fail(p, `expected a transport, a function returning one, or { type: "rest" | "memory" }, got ${show(v)}`)
  if ('type' in v) {
    if (v.type === 'memory') return obj({ type: str })(v, p)
    if (v.type === 'rest') return obj({ type: str, baseUrl: str, getUserToken: fn }, ['baseUrl'])(v, p)
    return fail(`${p}.type`, `expected "rest" or "memory", got ${show(v.type)}`)
  }
  if (typeof v.createTicket !== 'function' || !isObj(v.capabilities)) fail(p, 'a transport needs createTicket() and capabilities')
}
const user = obj({ id: str, name: (v, p) => { if (typeof v !== 'string') fail(p, `expected a string, got ${show(v)}`) }, email: str, token: str, attributes: record((v, p) => {
  if (!['string', 'number', 'boolean'].includes(typeof v)) fail(p, `expected a string, number or boolean, got ${show(v)}`)
}) }, ['id'])

const arrayOf = (check: Check): Check => (v, p) => {
  if (!Array.isArray(v)) return fail(p, `expected an array, got ${show(v)}`)
  v.forEach((item, i) => check(item, `${p}.${i}`))
}
const like = (ok: (v: string) => unknown, what: string): Check => (v, p) => {
  if (typeof v !== 'string' || !ok(v)) fail(p, `expected ${what}, got ${show(v)}`)
}
const https = like(httpsUrl, 'an https URL')
const hhmm = like((v) => HHMM.test(v), 'a time "HH:MM"')
const hours = arrayOf(obj({ day: int(0, 6), open: hhmm, close: hhmm }, ['day', 'open', 'close']))
const channels: Check = (v, p) => {
  obj({
    hotline: obj({ number: like(telHref, 'a phone number of digits'), hours }, ['number']),
    email: obj({ address: like(isEmailAddress, 'a plain e-mail address'), hours }, ['address']),
    website: obj({ url: https }, ['url']),
    social: arrayOf(obj({ name: str, url: https, handle: str }, ['name', 'url'])),
    servicePoints: arrayOf(obj({ name: str, address: str, hours, mapUrl: https }, ['name', 'address'])),
    timeZone: like(isTimeZone, 'an IANA time zone such as "Asia/Shanghai"'),
    holidays: arrayOf(like(isDateKey, 'a date "YYYY-MM-DD"')),
  })(v, p)
  if (JSON.stringify(v).includes('"hours"') && !(v as ChannelsOption).timeZone) fail(`${p}.timeZone`, 'is required when a channel has hours')
}
const bridge = obj({
  allowedOrigins: (v, p) => {
    // Only the cheap part here; createBridge checks each is an exact https origin (it is the only user).
    arrayOf(like((o) => o !== '*', 'an exact origin such as "https://app.example.com" (never "*")'))(v, p)
    if (!(v as unknown[]).length) fail(p, 'needs at least one origin')
  },
  channel: oneOf('auto', 'react-native', 'webkit', 'android', 'parent'),
  timeoutMs: int(1000, 600_000),
  maxMessageChars: int(1024, 2 ** 26),
  onDebug: fn,
  debug: bool,
}, ['allowedOrigins'])

const coreShape: Record<string, Check> = {
  transport, locale: oneOf('auto', ...LOCALES), user, onEvent: fn, onAction: fn, getRecentTransactions: fn,
  appVersion: str,
  articles: obj({
    url: str,
    index: (v, p) => { if (!isObj(v)) fail(p, `expected the JSON object written by index:articles, got ${show(v)}`) },
    articles: (v, p) => { if (!Array.isArray(v)) fail(p, `expected an array of articles, got ${show(v)}`) },
  }),
  messages: (v, p) => obj(Object.fromEntries(LOCALES.map((l) => [l, record(str)])))(v, p),
  channels,
  bridge,
}
const color: Check = (v, p) => {
  str(v, p)
  // Only plain colour syntax: it is interpolated into a stylesheet, so no `;`, braces or url().
  if (!/^[#a-z0-9(),.%\s-]+$/i.test(v as string)) fail(p, `expected a CSS colour, got ${show(v)}`)
}
const widgetShape: Record<string, Check> = {
  ...coreShape,
  theme: oneOf('light', 'dark', 'auto'),
  colors: obj({ primary: color, onPrimary: color, background: color, text: color }),
  position: oneOf('bottom-right', 'bottom-left'),
  zIndex: int(0, 2147483647),
  nonce: str,
  launcher: bool,
  container: (v, p) => { if (typeof Element === 'undefined' || !(v instanceof Element)) fail(p, 'expected a DOM element') },
}

/** Validate headless options; throws ConfigError naming the bad path (e.g. `options.user.id`). */
export function validateSupportOptions(options: unknown): SupportOptions {
  obj(coreShape)(options ?? {}, 'options')
  return (options ?? {}) as SupportOptions
}

/** Validate widget options (core options plus look and placement). */
export function validateWidgetOptions(options: unknown): WidgetOptions {
  obj(widgetShape)(options ?? {}, 'options')
  return (options ?? {}) as WidgetOptions
}
