import type { JSX } from 'preact'
import type { ViewName } from '../../src/events.js'
import type { ViewParams } from '../../src/views.js'
import { usePanel } from './context.js'

type Props<V extends ViewName> = Omit<JSX.ButtonHTMLAttributes<HTMLButtonElement>, 'type' | 'onClick'> & {
  to: V
  params?: ViewParams[V]
}

/** A button that opens another view of the panel. */
export function NavButton<V extends ViewName>({ to, params, ...button }: Props<V>) {
  const { client } = usePanel()
  return (
    <button type="button" {...button} onClick={() => (params ? client.navigate(to, params) : client.navigate(to))} />
  )
}
