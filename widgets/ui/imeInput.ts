/**
 * Handlers for a search box typed with an input method (pinyin, zhuyin): `show` follows every
 * keystroke, `search` only whole characters (nothing while composing, once when it ends).
 */
export function imeInput(show: (value: string) => void, search: (value: string) => void) {
  return {
    onInput: (e: Event) => {
      const value = (e.currentTarget as HTMLInputElement).value
      show(value)
      if (!(e as InputEvent).isComposing) search(value)
    },
    // Lower case on purpose: Preact keeps a handler name's case unless the element has an
    // `on…` property of that name, and browsers have none for composition events, so
    // `onCompositionEnd` listened for a "CompositionEnd" event that never comes (Chromium's
    // last `input` of a composition still has isComposing set: nothing searched).
    oncompositionend: (e: Event) => search((e.currentTarget as HTMLInputElement).value),
  }
}
