import { useEffect, useRef, useState } from 'react'
import { createHelpFeedback, type HelpFeedback, type WidgetOptions } from 'help-feedback'

/**
 * One widget for the component's lifetime. It is created in an effect, so nothing runs during a
 * server render, and destroyed in the cleanup: under StrictMode's mount → unmount → mount in
 * development, the first instance is gone before the second exists (never two in the page).
 * Options are read once; follow later changes with `help.setLocale()` / `help.setTheme()`.
 */
export function useHelpFeedback(options: WidgetOptions): HelpFeedback | null {
  const initial = useRef(options)
  const [help, setHelp] = useState<HelpFeedback | null>(null)
  useEffect(() => {
    const instance = createHelpFeedback(initial.current).mount()
    setHelp(instance)
    return () => {
      instance.destroy()
      setHelp(null)
    }
  }, [])
  return help
}
