import { useEffect, useState } from 'preact/hooks'

/**
 * How much of `ref`'s element the on-screen keyboard covers. iOS (and Chrome Android since
 * 108) shrink only the visual viewport when the keyboard opens and fire no window `resize`,
 * so a fixed full-screen panel would keep its composer under the keyboard. The chat pads its
 * bottom by this amount.
 */
export function useKeyboardInset(ref: { readonly current: HTMLElement | null }): number {
  const [inset, setInset] = useState(0)
  useEffect(() => {
    const vv = typeof window === 'undefined' ? undefined : window.visualViewport
    if (!vv) return
    let frame = 0
    const measure = () => {
      cancelAnimationFrame(frame)
      frame = requestAnimationFrame(() => {
        const el = ref.current
        if (!el) return
        const bottom = el.getBoundingClientRect().bottom
        // Padding does not move the element's own bottom edge, so this cannot feed back.
        const covered = Math.max(0, Math.round(bottom - (vv.offsetTop + vv.height)))
        setInset((prev) => (prev === covered ? prev : covered))
      })
    }
    vv.addEventListener('resize', measure)
    vv.addEventListener('scroll', measure)
    measure()
    return () => {
      cancelAnimationFrame(frame)
      vv.removeEventListener('resize', measure)
      vv.removeEventListener('scroll', measure)
    }
  }, [ref])
  return inset
}
