/**
 * `help-feedback/vue`: types `<help-feedback>` for Vue 3 templates (checked by vue-tsc / Volar)
 * and `h()`. Load them once in the app, and tell the template compiler the tag is a custom
 * element (`compilerOptions.isCustomElement: (tag) => tag === 'help-feedback'`).
 *
 * @example
 * import type {} from 'help-feedback/vue'
 */
import type { DefineComponent } from 'vue'
import type { HelpFeedbackElementAttributes } from './attributes.js'

export type { HelpFeedbackElementAttributes }

declare module 'vue' {
  interface GlobalComponents {
    'help-feedback': DefineComponent<HelpFeedbackElementAttributes>
  }
}
