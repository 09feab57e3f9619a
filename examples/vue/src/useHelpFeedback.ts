import { onBeforeUnmount, onMounted, shallowRef, type ShallowRef } from 'vue'
import { createHelpFeedback, type HelpFeedback, type WidgetOptions } from 'help-feedback'

/**
 * One widget for the component's lifetime: created in `onMounted` (which never runs during a
 * server render) and destroyed in `onBeforeUnmount`. Options are read once; follow later
 * changes with `help.value.setLocale()` / `setTheme()`.
 */
export function useHelpFeedback(options: WidgetOptions): ShallowRef<HelpFeedback | null> {
  const help = shallowRef<HelpFeedback | null>(null)
  onMounted(() => {
    help.value = createHelpFeedback(options).mount()
  })
  onBeforeUnmount(() => {
    help.value?.destroy()
    help.value = null
  })
  return help
}
