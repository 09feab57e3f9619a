import { useT } from '../ui/context.js'
import { NavButton } from '../ui/NavButton.js'

/**
 * Buttons to the other ways of getting help, in the order given; with `primary`, the first one
 * is the suggested next step.
 */
export function MoreHelp({ ways, primary }: { ways: Array<'chat' | 'report' | 'contact'>; primary?: boolean }) {
  const t = useT()
  return (
    <>
      {ways.map((view, i) => (
        <NavButton key={view} class={primary && i === 0 ? 'primary' : 'secondary'} to={view}>
          {t(`help.more.${view}`)}
        </NavButton>
      ))}
    </>
  )
}
