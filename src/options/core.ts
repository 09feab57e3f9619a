import type { ChannelsOption } from '../contact/channels.js'
import { HHMM, httpsUrl, isDateKey, isEmailAddress, isTimeZone, telHref } from '../contact/urls.js'
import { LOCALES } from '../i18n/negotiate.js'
import { bool, fail, int, isObj, obj as known, oneOf, show, str, type Check } from './check.js'

/**
 * `obj` with keys that must be there, reported before anything else about the object. Only the
 * core's options have any, so this part stays out of check.ts, which loads with the launcher.
 */
const obj =
  (shape: Record<string, Check>, required: string[] = []): Check =>
  (v, p) => {
    if (isObj(v)) for (const k of required) if (v[k] === undefined) fail(`${p}.${k}`, 'is required')
    known(shape)(v, p)
  }

// Only the core's options need these two either.
const fn: Check = (v, p) => {
  if (typeof v !== 'function') fail(p, `expected a function, got ${show(v)}`)
}
const record =
  (check: Check): Check =>
  (v, p) => {
    if (!isObj(v)) return fail(p, `expected an object, got ${show(v)}`)
    for (const [k, val] of Object.entries(v)) check(val, `${p}.${k}`)
  }

const transport: Check = (v, p) => {
  if (typeof v === 'function') return
  if (!isObj(v))
    return fail(p, `expected a transport, a function returning one, or { type: "rest" | "memory" }, got ${show(v)}`)
  if ('type' in v) {
    if (v.type === 'memory') return obj({ type: str })(v, p)
    if (v.type === 'rest') return obj({ type: str, baseUrl: str, getUserToken: fn }, ['baseUrl'])(v, p)
    return fail(`${p}.type`, `expected "rest" or "memory", got ${show(v.type)}`)
  }
  if (typeof v.createTicket !== 'function' || !isObj(v.capabilities))
    fail(p, 'a transport needs createTicket() and capabilities')
}
const user = obj(
  {
    id: str,
    name: (v, p) => {
      if (typeof v !== 'string') fail(p, `expected a string, got ${show(v)}`)
    },
    email: str,
    token: str,
    attributes: record((v, p) => {
      if (!['string', 'number', 'boolean'].includes(typeof v))
        fail(p, `expected a string, number or boolean, got ${show(v)}`)
    }),
  },
  ['id'],
)

const arrayOf =
  (check: Check): Check =>
  (v, p) => {
    if (!Array.isArray(v)) return fail(p, `expected an array, got ${show(v)}`)
    v.forEach((item, i) => check(item, `${p}.${i}`))
  }
const like =
  (ok: (v: string) => unknown, what: string): Check =>
  (v, p) => {
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
    knownScams: arrayOf(str),
  })(v, p)
  if (JSON.stringify(v).includes('"hours"') && !(v as ChannelsOption).timeZone)
    fail(`${p}.timeZone`, 'is required when a channel has hours')
}
const bridge = obj(
  {
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
  },
  ['allowedOrigins'],
)

/** Every option of the headless client, checked in depth (loaded with the core, not the launcher). */
export const coreShape: Record<string, Check> = {
  transport,
  locale: oneOf('auto', ...LOCALES),
  user,
  onEvent: fn,
  onAction: fn,
  getRecentTransactions: fn,
  appVersion: str,
  articles: obj({
    url: str,
    index: (v, p) => {
      if (!isObj(v)) fail(p, `expected the JSON object written by index:articles, got ${show(v)}`)
    },
    articles: (v, p) => {
      if (!Array.isArray(v)) fail(p, `expected an array of articles, got ${show(v)}`)
    },
  }),
  messages: (v, p) => obj(Object.fromEntries(LOCALES.map((l) => [l, record(str)])))(v, p),
  channels,
  bridge,
}
