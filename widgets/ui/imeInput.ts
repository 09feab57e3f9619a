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
    onCompositionEnd: (e: Event) => search((e.currentTarget as HTMLInputElement).value),
  }
}
