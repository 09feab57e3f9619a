import { isBrowserOffline } from './online.js'
import { createEmitter, type Emitter, type HelpFeedbackEvent, type ViewName } from './events.js'
import { errorCode } from './errors/errorCode.js'
import { errorParams } from './errors/errorParams.js'
import { errorKey } from './i18n/errorKey.js'
import {
  browserLanguages,
  catalogs,
  isLoaded,
  loadCatalog,
  negotiateLocale,
  supportedLocales,
  translate,
  type Domain,
  type Translate,
} from './i18n/index.js'
import { checkUser, validateSupportOptions, type SupportOptions, type TransportOption } from './options/index.js'
import { checkView } from './options/view.js'
import { createCoreStore, patch, type Store } from './store/index.js'
import type { Transport } from './transports/types.js'
import type { Locale, Session, UserIdentity } from './types.js'
import type { Services } from './services.js'
import type { ViewParams } from './views.js'
import type { HelpController } from './help/help.js'
import { lazyHelp } from './help/lazy.js'
import { lazyChat } from './chat/lazy.js'
import type { ChatController } from './chat/controller.js'
import { createReportsController, type ReportsController } from './reports/controller.js'
import type { RequestsController } from './requests/requests.js'
import { createRequestsController } from './requests/controller.js'
import { createContactController, type ContactController } from './contact/controller.js'

/** Text drafts by key, masked before they are written. */
export interface TextDrafts {
  load(key: string): Promise<string | undefined>
  /** Saves (debounced); an empty text deletes the draft. */
  save(key: string, text: string): Promise<void>
}

/**
 * The headless client: state, events, i18n and the transport, and one controller per feature.
 * The widget is one UI over it. `help-feedback/core` exports it as `SupportClient`.
 *
 * Errors: every controller method reports a failure by throwing (or rejecting with) a
 * `HelpFeedbackError` whose `code` is one of `ErrorCode` (check with `isHelpFeedbackError`,
 * read it with `errorCode`). What a call resolves with is never an error: it is an outcome the
 * user must see (a report queued or refused by the backend, a chat text to confirm).
 */
export interface HeadlessClient {
  readonly options: Readonly<SupportOptions>
  readonly store: Store
  readonly events: Emitter
  /** Translate with the current locale. */
  t: Translate
  /** The transport, resolved on first use (a factory or spec is loaded lazily). */
  transport(): Promise<Transport>
  /**
   * Opens the device storage now, which starts delivering what an earlier page left in the
   * outbox (reports, messages, votes) rather than waiting for the first feature call; resolves
   * once the outbox runs. Rejects with a `HelpFeedbackError` only if storage cannot load at all.
   */
  deliver(): Promise<void>
  /**
   * Who uses the app now. Another user switches everything kept on the device (drafts,
   * transcripts, unsent jobs) to theirs; the previous user's jobs wait for them. `null` signs
   * out (see {@link SupportClient.logout}). A user the `user` option would refuse (an id alone,
   * no id) rejects with a ConfigError (path `user`) and changes nothing.
   */
  identify(user: UserIdentity | null): Promise<void>
  /**
   * Signs out. The user's unsent reports and messages stay on the device and go out when they
   * sign in again, unless `forget: true` deletes them with their drafts and transcripts (a
   * shared device, or "remove my data").
   */
  logout(options?: { forget?: boolean }): Promise<void>
  /** Switch language; resolves once that locale's catalog has loaded and the UI switched. */
  setLocale(locale: Locale | 'auto'): Promise<void>
  /** Resolves when the current locale's strings have loaded (the widget waits for it). */
  ready(): Promise<void>
  /** Load more string domains (a view's own strings) for the current and later locales. */
  need(domains: readonly Domain[]): Promise<void>
  /** Help search and articles. */
  readonly help: HelpController
  /** Live chat (its code loads on the first call). */
  readonly chat: ChatController
  /** Transaction problem reports: drafts, submit, reopen a refused one. */
  readonly reports: ReportsController
  /** "My requests": the user's tickets and the writes on them. */
  readonly requests: RequestsController
  /** Contact channels' live data (agents online, queue). */
  readonly contact: ContactController
  /** Text being typed in a box (a reply, a chat message), kept masked on the device until sent. */
  readonly drafts: TextDrafts
  /** Opens the panel on a view with that view's parameters. A name not in `ViewName` throws a ConfigError (path `view`). */
  open<V extends ViewName = 'home'>(view?: V, params?: ViewParams[V]): void
  /** Goes to a view, Back returning to this one; a name not in `ViewName` throws, as `open`. */
  navigate<V extends ViewName>(view: V, params?: ViewParams[V]): void
  back(): void
  close(): void
  /** Report an error to the host (event) and return its localized message. */
  report(error: unknown): string
  destroy(): void
}

/**
 * The client as the SDK's own code sees it: the public client plus the storage, outbox and
 * drafts the controllers share.
 *
 * @internal Not part of `help-feedback/core`; widgets reach these through the controllers.
 */
export interface SupportClient extends HeadlessClient {
  /** Storage, outbox and drafts (a lazy chunk), opened on first use. */
  services(): Promise<Services>
}

async function resolveTransport(option: TransportOption | undefined): Promise<Transport> {
  if (option === undefined || ('type' in option && option.type === 'memory')) {
    const { memoryTransport } = await import('./transports/memory.js')
    return memoryTransport()
  }
  if (typeof option === 'function') return option()
  if ('type' in option && option.type === 'rest') {
    const { restTransport } = await import('./transports/rest.js')
    const { getUserToken, baseUrl } = option
    return restTransport(getUserToken ? { baseUrl, getUserToken: async () => getUserToken() } : { baseUrl })
  }
  return option as Transport
}

/** A user the transport signed in by itself, and their session. */
type SignedIn = { id: string; session: Session }

/** Create the headless client. Throws ConfigError (with the bad option's path) on bad options. */
export function createSupportClient(rawOptions: SupportOptions = {}): SupportClient {
  const options = validateSupportOptions(rawOptions)
  const pick = (l: Locale | 'auto' | undefined) =>
    l && l !== 'auto' ? negotiateLocale([l], supportedLocales) : negotiateLocale(browserLanguages(), supportedLocales)
  const store = createCoreStore({
    locale: pick(options.locale),
    user: options.user,
    online: !isBrowserOffline(),
  })
  const events = createEmitter()
  if (options.onEvent) events.on(options.onEvent)

  // Looked up on every call: catalogs arrive lazily, one locale at a time.
  const t: Translate = (key, params) => {
    const locale = store.getState().system.locale
    return translate([options.messages?.[locale], catalogs[locale], catalogs.en], key, params)
  }
  // String domains this client has needed so far; a locale switch loads the same ones.
  const wanted = new Set<Domain>(['core', 'launcher'])
  let catalogReady: Promise<unknown> = loadCatalog(store.getState().system.locale, [...wanted])
  // Which setLocale call is the latest, and the locale it is loading (if not yet applied).
  let localeTicket = 0
  let switchingTo: Locale | undefined
  catalogReady.catch(() => {})

  let transportPromise: Promise<Transport> | undefined
  // A sign-in the transport made by itself while the host's was under way (see signIn's catch).
  let signedInMeanwhile: SignedIn | undefined
  // Stops listening to the transport's sign-ins (destroy): a host may keep its transport for longer.
  let unlisten: (() => void) | undefined
  const transport = () => {
    transportPromise ??= resolveTransport(options.transport).then((tr) => {
      patch(store, 'system', { capabilities: tr.capabilities })
      // The transport signed the user in by itself (its next request, after a sign-in that
      // timed out): the session is theirs again, not in error until the host calls identify.
      unlisten = tr.onSignIn?.((user, session) => {
        const s = store.getState().session
        if (s.user?.id !== user.id) return
        if (s.status === 'identifying') signedInMeanwhile = { id: user.id, session }
        // A sign-out or sign-in the host called is under way (a sign-out's "forget me" takes a
        // while before the status says so): the session is what that call leaves it.
        if (sessionCalls) return
        if (s.status !== 'ready' && s.status !== 'error') return
        patch(store, 'session', { session, status: 'ready', errorCode: undefined })
        // Ready all along (a token refused, then renewed): the host hears nothing new, but the
        // store holds the new session, and what was refused for want of one meanwhile goes now.
        if (s.status === 'ready') servicesPromise?.then((sv) => sv.outbox.authorized()).catch(() => {})
        else emit({ type: 'session:identify', userId: session.userId })
      })
      // The sign-in failed before any transport existed (its code did not load, the network
      // dropped): this one was never told who the user is, and every call on it would go out
      // without a session (401, then no user to sign in again). It learns the user before any
      // caller gets it: given `tr`, identify reaches `tr.identify` synchronously.
      retry(tr)
      return tr
    })
    transportPromise.catch(() => (transportPromise = undefined))
    return transportPromise
  }

  let servicesPromise: Promise<Services> | undefined
  // A user switch in progress (the previous user's drafts are being written, then the scope
  // changes): callers get the services once it is done, so they read the new user's data.
  let switching: Promise<unknown> = Promise.resolve()
  const services = () => {
    servicesPromise ??= import('./services.js').then(({ createServices }) =>
      createServices({
        transport,
        events,
        userId: () => store.getState().session.user?.id,
        signedIn: () => store.getState().session.status === 'ready',
        // Its session, and the words of what it tells the host (a sign-in refused, see services).
        client,
        onFallback: (reason) => {
          patch(store, 'system', { storagePersistent: false })
          emit({ type: 'storage:fallback', reason })
        },
      }),
    )
    servicesPromise.catch(() => (servicesPromise = undefined))
    const pending = switching
    return servicesPromise.then((sv) => pending.then(() => sv))
  }
  const switchUser = (userId: string | undefined) => {
    const done = servicesPromise?.then((sv) => sv.setUser(userId)).catch(() => {})
    if (done) switching = Promise.all([switching, done])
    return done
  }

  const onOnline = () => {
    patch(store, 'system', { online: true })
    // A sign-in that failed for want of a network is tried again now: the reports queued
    // meanwhile can only be sent as their author once the session exists.
    retry()
  }
  const onOffline = () => patch(store, 'system', { online: false })
  if (typeof addEventListener === 'function') {
    addEventListener('online', onOnline)
    addEventListener('offline', onOffline)
  }

  const emit = (e: HelpFeedbackEvent) => events.emit(e)

  // Each feature's controller is made on first use; heavy code loads inside on first call.
  const features: {
    help?: HelpController
    chat?: ChatController
    reports?: ReportsController
    requests?: RequestsController
    contact?: ContactController
  } = {}
  const drafts: TextDrafts = {
    async load(key) {
      const v = await (await services()).drafts.load<string>(key)
      return typeof v === 'string' ? v : undefined
    },
    async save(key, text) {
      const { drafts: d } = await services()
      if (text) d.save(key, text)
      else await d.clear(key)
    },
  }

  // The open form, chat or requests view holds the previous user's unsent words: another user
  // (or nobody) must not see them nor send them as theirs. Their draft stays in their scope.
  const leaveUserViews = () => {
    const { ui } = store.getState()
    if (ui.view !== 'home' || ui.stack.length) patch(store, 'ui', { view: 'home', params: {}, stack: [] })
  }

  // Sign-ins and sign-outs take effect in the order the host made them, even unawaited
  // (`logout(); identify(b)`): each starts once the previous one has settled, its transport call
  // answered and the device data switched, so the transport never gets a sign-out after a later
  // sign-in nor two sign-ins at once. A call runs at once when none is under way; a later one
  // aborts a sign-in still waiting for its answer (it is no one's session now).
  // The abort is shared by every call made since the last superseding one: a sign-in still
  // queued when a later call comes is aborted too (it never starts), not only the running one.
  let sessionTail: Promise<unknown> = Promise.resolve()
  let sessionCalls = 0
  let asking = new AbortController()
  const inTurn = <T>(step: (signal: AbortSignal) => Promise<T>, supersede?: boolean): Promise<T> => {
    if (supersede) {
      asking.abort()
      asking = new AbortController()
    }
    const { signal } = asking
    // Counted down before the caller resumes: a call made once the last one resolved runs at once.
    const go = () => step(signal).finally(() => sessionCalls--)
    const run = sessionCalls++ ? sessionTail.then(go) : go()
    sessionTail = run.catch(() => {})
    return run
  }
  // A sign-in that failed is tried again (online again, a transport made at last) in turn, as
  // the user signed in by then: a sign-out or another user called meanwhile comes first.
  // Given `tr` with no call under way, `tr.identify` is reached synchronously.
  const failed = () => {
    const { session } = store.getState()
    return session.status === 'error' ? session.user : undefined
  }
  const retry = (tr?: Transport) => {
    if (failed())
      inTurn(async (signal) => {
        const user = failed()
        if (user) await signIn(user, signal, tr)
      }).catch(() => {})
  }

  async function signIn(user: UserIdentity, signal: AbortSignal, tr?: Transport): Promise<void> {
    // Superseded while queued: the session stays as the calls before left it.
    if (signal.aborted) return
    const previous = store.getState().session.user?.id
    // A different user must never ride on the previous one's session.
    const switched = previous !== user.id
    if (switched && previous !== undefined) leaveUserViews()
    // Before the session changes: what reacts to it (the chat, the views) reads the new scope.
    const scoped = switched ? switchUser(user.id) : undefined
    patch(store, 'session', {
      user,
      status: 'identifying',
      errorCode: undefined,
      ...(switched ? { session: undefined } : {}),
    })
    signedInMeanwhile = undefined
    try {
      // Given `tr` (a transport just made), nothing is awaited before `tr.identify`.
      const t = tr ?? (await transport())
      // Superseded before it reached the transport: the next call signs in (or out) instead.
      const session = signal.aborted ? undefined : await t.identify(user, signal)
      // Resolved means the device data in use (drafts, queued jobs) is the new user's.
      await scoped
      // Another identify or a sign-out came meanwhile: this answer is no one's session now.
      if (!session || signal.aborted) return
      patch(store, 'session', { session, status: 'ready' })
      emit({ type: 'session:identify', userId: session.userId })
    } catch (error) {
      await scoped
      if (signal.aborted) return
      // The transport signed this user in by itself meanwhile (a request with a token that came
      // at once): it keeps that session and will not sign in again, so the session is ready.
      // (Set by the listener while this ran: not the `undefined` assigned above.)
      const meanwhile = signedInMeanwhile as SignedIn | undefined
      const session = meanwhile?.id === user.id ? meanwhile.session : undefined
      if (session) {
        patch(store, 'session', { session, status: 'ready' })
        emit({ type: 'session:identify', userId: session.userId })
        return
      }
      patch(store, 'session', { status: 'error', errorCode: errorCode(error) })
      client.report(error)
      throw error
    }
  }

  async function signOut(opts: { forget?: boolean }): Promise<void> {
    leaveUserViews()
    // "Forget me" must reach what an earlier page left here (a pagehide copy of a draft, unsent
    // jobs) even when this page never opened the panel: open storage for it.
    const sv = opts.forget
      ? await services().catch(() => undefined)
      : servicesPromise && (await servicesPromise.catch(() => undefined))
    if (opts.forget) await sv?.forgetUser()
    const switched = switchUser(undefined)
    patch(store, 'session', { user: undefined, session: undefined, status: 'anonymous', errorCode: undefined })
    await switched
    await transportPromise?.then((tr) => tr.signOut?.()).catch(() => {})
    emit({ type: 'session:logout' })
  }

  const client: SupportClient = {
    options,
    get help() {
      return (features.help ??= lazyHelp(client))
    },
    get chat() {
      return (features.chat ??= lazyChat(client))
    },
    get reports() {
      return (features.reports ??= createReportsController(client))
    },
    get requests() {
      return (features.requests ??= createRequestsController(client))
    },
    get contact() {
      return (features.contact ??= createContactController(client))
    },
    drafts,
    store,
    events,
    t,
    transport,
    services,
    deliver: () => services().then(() => undefined),
    identify(user) {
      if (!user) return client.logout()
      // An id alone, or a user with no id, is refused as the `user` option is, before anything changes.
      try {
        checkUser(user)
      } catch (error) {
        return Promise.reject(error)
      }
      // Another user: the panel leaves the previous one's views at once, as logout() does, not
      // once the calls before this one have settled (a sign-in the transport is still answering).
      const was = store.getState().session.user
      if (was && was.id !== user.id) leaveUserViews()
      return inTurn((signal) => signIn(user, signal), true)
    },
    logout(opts = {}) {
      // At once, also while an earlier call is under way: the panel shows nothing of the user.
      leaveUserViews()
      return inTurn(() => signOut(opts), true)
    },
    setLocale(locale) {
      const next = pick(locale)
      // The last call wins whatever order the string chunks arrive in: an earlier, slower
      // switch must not land after a later one (a slow phone loads zh-TW after en is shown).
      const ticket = ++localeTicket
      switchingTo = next
      const apply = (): Promise<void> => {
        if (ticket !== localeTicket) return Promise.resolve()
        // `need()` may have added domains while this load ran: load those too before switching.
        if (!isLoaded(next, [...wanted])) return loadCatalog(next, [...wanted]).then(apply)
        switchingTo = undefined
        patch(store, 'system', { locale: next })
        return Promise.resolve()
      }
      const switched = apply().catch((error: unknown) => {
        if (ticket === localeTicket) switchingTo = undefined
        client.report(error)
        throw error
      })
      catalogReady = switched
      catalogReady.catch(() => {})
      return switched
    },
    ready: () => catalogReady.then(() => undefined),
    need(more) {
      for (const d of more) wanted.add(d)
      // A switch under way needs these domains in its locale too (it checks again before applying).
      const locales = new Set([store.getState().system.locale, switchingTo ?? store.getState().system.locale])
      const p = Promise.all([...locales].map((l) => loadCatalog(l, more))).then(() => undefined)
      catalogReady = Promise.all([catalogReady, p])
      catalogReady.catch(() => {})
      return p
    },
    open(view = 'home' as never, params = {} as never) {
      checkView(view)
      const wasOpen = store.getState().ui.isOpen
      patch(store, 'ui', { isOpen: true, view, params, stack: [] })
      if (!wasOpen) emit({ type: 'widget:open', view })
      else emit({ type: 'widget:navigate', view })
    },
    navigate(view, params = {} as never) {
      checkView(view)
      const { ui } = store.getState()
      patch(store, 'ui', { view, params, stack: [...ui.stack, { view: ui.view, params: ui.params }] })
      emit({ type: 'widget:navigate', view })
    },
    back() {
      const { ui } = store.getState()
      const prev = ui.stack[ui.stack.length - 1]
      if (!prev) return patch(store, 'ui', { view: 'home', params: {} })
      patch(store, 'ui', { view: prev.view, params: prev.params, stack: ui.stack.slice(0, -1) })
    },
    close() {
      if (!store.getState().ui.isOpen) return
      patch(store, 'ui', { isOpen: false })
      emit({ type: 'widget:close' })
    },
    report(error) {
      const code = errorCode(error)
      const message = t(errorKey(code, store.getState().system.online), errorParams(error))
      emit({ type: 'error', code: code === 'unknown' ? 'server' : code, message })
      return message
    },
    destroy() {
      if (typeof removeEventListener === 'function') {
        removeEventListener('online', onOnline)
        removeEventListener('offline', onOffline)
      }
      features.chat?.dispose()
      // A sign-in waiting for its answer, or queued, settles now instead of never.
      asking.abort()
      transportPromise
        ?.then((tr) => {
          unlisten?.()
          tr.dispose?.()
        })
        .catch(() => {})
      servicesPromise
        ?.then((sv) => {
          sv.outbox.dispose()
          // Writes what the user typed in the last moments, then drops the page listeners.
          void sv.drafts.dispose().catch(() => {})
        })
        .catch(() => {})
      events.clear()
    },
  }
  if (options.user) client.identify(options.user).catch(() => {})
  return client
}
