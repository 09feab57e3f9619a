import { useContext, useEffect, useRef, useState } from 'preact/hooks'
import { longEnoughToSuggest } from '../help/suggestLimits.js'
import type { SuggestedArticlesProps } from '../help/SuggestedArticles.js'
import { PanelContext } from '../ui/context.js'
import { useSheet } from '../ui/useSheet.js'

type Module = typeof import('../help/SuggestedArticles.js')

let loaded: Module | undefined
let loading: Promise<Module> | undefined

/**
 * The suggestions' box: the same height from the moment the text is long enough until it is
 * not, whatever comes into it (three articles, fewer, none) and whenever (title lines clamped,
 * rows of one height). Here, not in the suggestions' chunk: the box is there before it.
 */
const suggestCss = `
.hf-suggest{height:calc(86px + 140*var(--hf-px));min-width:0}
.hf-suggest[hidden]{display:none}
.hf-suggest .help-section{margin:0}
.hf-suggest h3{margin:0 0 8px;line-height:calc(20*var(--hf-px));white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
.hf-suggest .help-results,.hf-suggest-wait{display:grid;gap:6px}
.hf-suggest-wait{padding-top:calc(8px + 20*var(--hf-px))}
.hf-suggest-wait i{border-radius:10px;background:var(--hf-surface)}
.hf-suggest .help-result,.hf-suggest-wait i{box-sizing:border-box;height:calc(22px + 40*var(--hf-px));min-height:0;justify-content:center;overflow:hidden}
.hf-suggest .help-result-title{line-height:calc(20*var(--hf-px));display:-webkit-box;-webkit-box-orient:vertical;-webkit-line-clamp:2;line-clamp:2;overflow:hidden}
.hf-suggest .help-suggest-none{margin:0;color:var(--hf-muted)}
`

/** Three empty rows where the articles will be, while they are looked for. Not read out. */
export const SuggestWait = () => (
  <div class="hf-suggest-wait" aria-hidden="true">
    <i />
    <i />
    <i />
  </div>
)

/**
 * `text` in whole characters: while an input method composes a word (the pinyin 「fu'kuan」
 * before it becomes 付款), the text as it was before, so letters about to become two characters
 * neither take the box's space (and give it back a moment later) nor are searched. And whether
 * it is what the user typed: not when the form changed it, as masking a card number when the
 * text loses focus (on the mousedown of a tap on Send), or a restored draft.
 */
function useWrittenText(text: string): { text: string; typed: boolean } {
  const styleRoot = useContext(PanelContext)?.styleRoot
  const [composing, setComposing] = useState(false)
  const written = useRef(text)
  // The value of the last text box the user typed in.
  const input = useRef<string>()
  // Captured, before the text box's own handler: a real keystroke's re-render runs as soon as
  // that handler returns (microtasks), before the event would bubble up here.
  useEffect(() => {
    const root: EventTarget = styleRoot ?? document
    const start = () => setComposing(true)
    const end = () => setComposing(false)
    const typed = (e: Event) => (input.current = (e.composedPath()[0] as HTMLTextAreaElement).value)
    root.addEventListener('compositionstart', start, true)
    root.addEventListener('compositionend', end, true)
    root.addEventListener('input', typed, true)
    return () => {
      root.removeEventListener('compositionstart', start, true)
      root.removeEventListener('compositionend', end, true)
      root.removeEventListener('input', typed, true)
    }
  }, [styleRoot])
  if (!composing) written.current = text
  return { text: written.current, typed: written.current === input.current }
}

/**
 * Help articles that may answer what the user is describing, under the report form's
 * description and the leave-a-message text (see widgets/help/SuggestedArticles.tsx). The
 * suggestions, and the help search under them, are fetched only once the text is long enough
 * to suggest anything: opening a form costs no more bytes up front. Optional help: a chunk or an
 * index that cannot be loaded (offline, a server error) shows nothing and says nothing.
 *
 * They come late (their code, the index, a search: seconds on a slow phone), when the user may
 * be reaching for what is below. So their box takes its whole space as the user types the text
 * long enough, and gives it back only as the user types too: never when an answer arrives.
 * When they could not come, the next keystroke gives the space back, and they show again at a
 * keystroke after they could.
 *
 * @example
 * <Suggestions text={description} from="report" />
 */
export function Suggestions({ from, ...typed }: Omit<SuggestedArticlesProps, 'onAnswer'>) {
  // What is decided and searched for: never the letters of a word still being composed.
  const written = useWrittenText(typed.text)
  const props = { from, text: written.text }
  const [mod, setMod] = useState(loaded)
  const wanted = longEnoughToSuggest(props.text)
  const root = useRef<HTMLDivElement>(null)
  useSheet('suggest', suggestCss, root)
  // Whether the last attempt could not bring any (the code or the index unreachable).
  const unavailable = useRef(false)
  // Decided when the text changes, that is as the user types; an answer only updates `unavailable`.
  // A change the user did not type (masking, a restored draft) may take the space, never give it
  // back for want of articles: that waits for their next keystroke.
  const space = useRef<{ text?: string; taken: boolean }>({ taken: false })
  if (space.current.text !== props.text) {
    const keep = !written.typed && space.current.taken
    space.current = { text: props.text, taken: wanted && (!unavailable.current || keep) }
  }
  useEffect(() => {
    if (mod || !wanted) return
    let live = true
    ;(loading ??= import('../help/SuggestedArticles.js')).then(
      (m) => {
        loaded = m
        unavailable.current = false
        if (live) setMod(m)
      },
      () => {
        // Asked again the next time the text changes (back online).
        loading = undefined
        unavailable.current = true
      },
    )
    return () => {
      live = false
    }
  }, [mod, wanted, props.text])
  if (!wanted || (!mod && !space.current.taken)) return null
  // Kept while hidden, so an index back online is found at the next search.
  return (
    <div ref={root} class="hf-suggest" hidden={!space.current.taken}>
      {mod ? <mod.SuggestedArticles {...props} onAnswer={(ok) => (unavailable.current = !ok)} /> : <SuggestWait />}
    </div>
  )
}
