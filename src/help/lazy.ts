import type { SupportClient } from '../client.js'
import { helpErrorMessage, openSuggestion } from './common.js'
import type { HelpController } from './help.js'

type AsyncKey = Exclude<keyof HelpController, 'openSuggestion' | 'errorMessage'>

/**
 * `client.help`: the help controller, whose code (help.ts, in the storage chunk that keeps the
 * help cache and the votes) loads on the first call, so the client Home paints with does not
 * carry it. The index loader and search engine it then needs are fetched at the same time, not
 * after it. Calls made meanwhile run in the order they were made. Its code failing to load is a
 * failure to load the content (`errorMessage` says so), tried again on the next call; meanwhile
 * `search` and `getArticle` ask the transport (its `searchArticles`, `getArticle`) if it can.
 */
export function lazyHelp(client: SupportClient): HelpController {
  const loadFailures = new WeakSet<object>()
  let made: Promise<HelpController> | undefined
  const load = () => {
    if (!made) void import('./source.js').catch(() => undefined)
    return (made ??= import('./help.js').then(
      ({ createHelpController }) => createHelpController(client, {}, loadFailures),
      (error: unknown) => {
        made = undefined
        if (typeof error === 'object' && error !== null) loadFailures.add(error)
        // The search and the article may still come from the transport; the rest answers with this failure.
        return import('./byTransport.js').then(
          (m) => m.byTransport(client, error),
          () => Promise.reject(error),
        )
      },
    ))
  }
  const later = <K extends AsyncKey>(key: K) =>
    ((...args: unknown[]) =>
      load().then((h) => (h[key] as (...a: unknown[]) => Promise<unknown>)(...args))) as HelpController[K]
  return {
    ready: later('ready'),
    search: later('search'),
    suggest: later('suggest'),
    popular: later('popular'),
    getArticle: later('getArticle'),
    resolveLink: later('resolveLink'),
    vote: later('vote'),
    votedOn: later('votedOn'),
    openSuggestion: (id, from) => openSuggestion(client, id, from),
    errorMessage: (error) => helpErrorMessage(client, error, loadFailures),
  }
}
