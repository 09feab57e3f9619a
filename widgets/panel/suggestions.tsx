import { useEffect, useState } from 'preact/hooks'
import { longEnoughToSuggest } from '../help/suggestLimits.js'
import type { SuggestedArticlesProps } from '../help/SuggestedArticles.js'

type Module = typeof import('../help/SuggestedArticles.js')

let loaded: Module | undefined
let loading: Promise<Module> | undefined

/**
 * Help articles that may answer what the user is describing, under the report form's
 * description and the leave-a-message text (see widgets/help/SuggestedArticles.tsx). The
 * suggestions, and the help search under them, are fetched only once the text is long enough
 * to suggest anything: opening a form costs no more bytes up front. Optional help: a chunk or an
 * index that cannot be loaded (offline, a server error) shows nothing and says nothing.
 *
 * @example
 * <Suggestions text={description} from="report" />
 */
export function Suggestions(props: SuggestedArticlesProps) {
  const [mod, setMod] = useState(loaded)
  const wanted = longEnoughToSuggest(props.text)
  useEffect(() => {
    if (mod || !wanted) return
    let live = true
    ;(loading ??= import('../help/SuggestedArticles.js')).then(
      (m) => {
        loaded = m
        if (live) setMod(m)
      },
      () => {
        // Asked again the next time the text changes (back online).
        loading = undefined
      },
    )
    return () => {
      live = false
    }
  }, [mod, wanted, props.text])
  return mod ? <mod.SuggestedArticles {...props} /> : null
}
