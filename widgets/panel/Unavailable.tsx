import { useT } from '../ui/context.js'

/** Shown for an area this build does not include (or a transport does not support). */
export function Unavailable() {
  const t = useT()
  return <p class="status">{t('home.comingSoon')}</p>
}
