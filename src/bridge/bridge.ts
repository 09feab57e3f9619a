/**
 * The hybrid-app bridge: native host ⇄ SDK messages over the detected channel (docs/bridge.md).
 * Host messages drive the SDK (identify, open, locale…) and are each acknowledged with a
 * `reply`; SDK events go to the host (close, unreadCount) along with requests the UI makes
 * (openUrl, action, pickImage). Every incoming message is validated; what fails is dropped and
 * reported through `onDebug` — never executed, never echoed.
 */
import { isHelpFeedbackError } from '../errors/errorCode.js'
import { TimeoutError } from '../errors/NetworkErrors.js'
import { MalformedResponseError, UnsupportedError } from '../errors/RequestErrors.js'
import { ConfigError } from '../errors/ConfigError.js'
import { isExternalUrl, isOrigin } from './externalUrl.js'
import { SDK_VERSION } from '../version.js'
import { negotiateLocale } from '../i18n/negotiate.js'
import type { SupportClient } from '../client.js'
import type { TransactionRef } from '../types.js'
import { detectChannel, type BridgeWindow, type Channel } from './channels.js'
import {
  encodeMessage,
  hostMessages,
  parseHostMessage,
  pickedImage,
  PROTOCOL_VERSION,
  type HostMessage,
  type HostMessageType,
  type SdkMessageType,
  type SdkPayloads,
} from './protocol.js'
import { clientTarget } from './target.js'
import { safeParse } from '../transports/wire.js'
import type { Bridge, BridgeDebugEvent, BridgeOptions, BridgeTarget, PickedImage } from './types.js'

const ACTION_NAME = /^[a-z][a-z0-9-]{0,47}$/
const DEFAULT_MAX_IMAGE = 10 * 1024 * 1024

interface Pending {
  resolve(value: unknown): void
  reject(error: unknown): void
  timer: ReturnType<typeof setTimeout>
}

let counter = 0
function newId(): string {
  const c = (globalThis as { crypto?: { randomUUID?: () => string } }).crypto
  return c?.randomUUID
    ? c.randomUUID()
    : `hf-${Date.now().toString(36)}-${(++counter).toString(36)}-${Math.random().toString(36).slice(2, 10)}`
}

/**
 * Connect a headless client (or any {@link BridgeTarget}, such as the widget API adapter in
 * widgets/bridge.ts) to the native host, if there is one. `win` is for tests.
 * @example
 * const bridge = createBridge(client, { allowedOrigins: ['https://wallet.example.com'] })
 * bridge.openUrl('tel:95188')
 */
export function createBridge(
  to: BridgeTarget | SupportClient,
  options: BridgeOptions,
  win: BridgeWindow = globalThis as unknown as BridgeWindow,
): Bridge {
  const target: BridgeTarget = 'store' in to ? clientTarget(to) : to
  options.allowedOrigins.forEach((o, i) => {
    if (!isOrigin(o))
      throw new ConfigError(
        `options.bridge.allowedOrigins.${i}`,
        `expected an exact origin such as "https://app.example.com" (https, or http on localhost; never "*"), got "${o}"`,
      )
  })
  const maxChars = options.maxMessageChars ?? 12 * 1024 * 1024
  const timeoutMs = options.timeoutMs ?? 120_000
  const pending = new Map<string, Pending>()
  const debug = (event: BridgeDebugEvent) => {
    if (options.debug) console.debug('help-feedback bridge', event)
    try {
      options.onDebug?.(event)
    } catch {
      // A throwing debug hook must not break message handling.
    }
  }
  let remembered: TransactionRef | undefined

  const detected = detectChannel(win, options.allowedOrigins, options.channel ?? 'auto')
  const channel: Channel | undefined = detected.channel
  if (!channel && 'reason' in detected && detected.reason)
    debug({ type: 'bridge:drop', reason: detected.reason, origin: win.location.origin })

  const send = <T extends SdkMessageType>(type: T, payload: SdkPayloads[T], id = newId()): boolean =>
    channel ? channel.post(encodeMessage(id, type, payload)) : false

  const handlers: {
    [T in Exclude<HostMessageType, 'reply'>]: (payload: Extract<HostMessage, { type: T }>['payload']) => unknown
  } = {
    identify: (user) => target.identify(user),
    tokenRefresh: ({ token }) => target.refreshToken(token),
    open: ({ view, params = {} }) => {
      const withTx =
        remembered && (view === 'report' || view === 'chat') && !params.transaction
          ? { ...params, transaction: remembered }
          : params
      return target.open(view, withTx)
    },
    close: () => target.close(),
    prefillTransaction: ({ transaction, open }) => {
      remembered = transaction
      if (open) return target.open('report', { transaction })
    },
    theme: ({ mode }) => need(target.setTheme?.bind(target), 'theme')(mode),
    darkMode: ({ enabled }) => need(target.setTheme?.bind(target), 'theme')(enabled ? 'dark' : 'light'),
    locale: ({ locale }) => target.setLocale(locale === 'auto' ? 'auto' : negotiateLocale([locale])),
  }

  const onReply = (message: Extract<HostMessage, { type: 'reply' }>) => {
    const p = pending.get(message.payload.to)
    if (!p) return debug({ type: 'bridge:drop', reason: 'unexpected-reply', messageType: 'reply' })
    pending.delete(message.payload.to)
    clearTimeout(p.timer)
    p.resolve(message.payload)
  }

  const handle = async (message: HostMessage) => {
    if (message.type === 'reply') return onReply(message)
    try {
      await (handlers[message.type] as (p: unknown) => unknown)(message.payload)
      send('reply', { to: message.id, ok: true })
    } catch (error) {
      const code = isHelpFeedbackError(error) ? error.code : 'failed'
      debug({ type: 'bridge:failed', messageType: message.type, code })
      send('reply', { to: message.id, ok: false, error: code })
    }
  }

  const stop = channel?.listen({
    deliver(data) {
      const parsed = parseHostMessage(data, maxChars)
      if (!parsed.ok) {
        const event: BridgeDebugEvent = { type: 'bridge:drop', reason: parsed.reason }
        if (parsed.messageType) event.messageType = parsed.messageType
        return debug(event)
      }
      void handle(parsed.message)
    },
    drop: (reason, origin) =>
      debug(origin === undefined ? { type: 'bridge:drop', reason } : { type: 'bridge:drop', reason, origin }),
  })

  const unsubscribe = target.onEvent((event) => {
    if (event.type === 'widget:close') send('close', {})
    else if (event.type === 'unread:change') send('unreadCount', { count: event.count })
  })

  const request = (type: 'pickImage', payload: SdkPayloads['pickImage']) =>
    new Promise<unknown>((resolve, reject) => {
      const id = newId()
      const timer = setTimeout(() => {
        pending.delete(id)
        reject(new TimeoutError(`the host did not answer ${type} in ${timeoutMs} ms`))
      }, timeoutMs)
      pending.set(id, { resolve, reject, timer })
      if (!send(type, payload, id)) {
        clearTimeout(timer)
        pending.delete(id)
        reject(new UnsupportedError(`bridge ${type}`))
      }
    })

  debug({ type: 'bridge:ready', channel: channel?.name ?? 'none' })
  send('ready', {
    protocol: PROTOCOL_VERSION,
    sdk: SDK_VERSION,
    accepts: Object.keys(hostMessages) as HostMessageType[],
  })

  return {
    channel: channel?.name ?? 'none',
    openUrl: (url) => isExternalUrl(url) && send('openUrl', { url }),
    action: (name, payload) => ACTION_NAME.test(name) && send('action', payload ? { name, payload } : { name }),
    async pickImage({ maxBytes = DEFAULT_MAX_IMAGE } = {}): Promise<PickedImage | null> {
      const reply = (await request('pickImage', { accept: ['image/png', 'image/jpeg', 'image/webp'], maxBytes })) as {
        ok: boolean
        result?: unknown
        error?: string
      }
      if (!reply.ok) {
        if (reply.error === 'cancelled') return null
        throw reply.error === 'unsupported'
          ? new UnsupportedError('bridge pickImage')
          : new MalformedResponseError([`pickImage failed: ${reply.error ?? 'failed'}`])
      }
      const parsed = safeParse(pickedImage, reply.result)
      if (!parsed.success) throw new MalformedResponseError(['pickImage result is not { name, type, data }'])
      const bytes = decodeBase64(parsed.data.data)
      if (bytes.byteLength > maxBytes)
        throw new MalformedResponseError([`pickImage result is larger than ${maxBytes} bytes`])
      return { name: parsed.data.name, type: parsed.data.type, blob: new Blob([bytes], { type: parsed.data.type }) }
    },
    dispose() {
      stop?.()
      unsubscribe()
      for (const [id, p] of pending) {
        clearTimeout(p.timer)
        p.reject(new UnsupportedError('bridge (disposed)'))
        pending.delete(id)
      }
    },
  }
}

function need<F>(fn: F | undefined, what: string): F {
  if (!fn) throw new UnsupportedError(`bridge ${what}`)
  return fn
}

function decodeBase64(data: string): Uint8Array<ArrayBuffer> {
  const binary = atob(data)
  const bytes = new Uint8Array(binary.length)
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i)
  return bytes
}
