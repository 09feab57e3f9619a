// Type test of help-feedback/vue, compiled by `tsc -p examples/vue` in npm test: the props
// Vue's GlobalComponents declares for <help-feedback> accept the right attributes and reject
// wrong ones (an unused @ts-expect-error is an error too). vue-tsc checks templates against
// the same declaration.
import type { GlobalComponents } from 'vue'
import type {} from 'help-feedback/vue'

type Props = InstanceType<GlobalComponents['help-feedback']>['$props']

export const right: Props[] = [
  {},
  {
    locale: 'zh-CN',
    theme: 'dark',
    position: 'bottom-left',
    'z-index': 10,
    nonce: 'abc',
    launcher: 'off',
    'base-url': '/support-api',
  },
  { locale: 'auto', options: { transport: { type: 'memory' }, onEvent: (e) => console.log(e.type) } },
]

// @ts-expect-error not a supported locale
export const wrongLocale: Props = { locale: 'fr' }
// @ts-expect-error not a theme
export const wrongTheme: Props = { theme: 'blue' }
// @ts-expect-error launcher takes "on" | "off"
export const wrongLauncher: Props = { launcher: false }
// @ts-expect-error misspelled attribute
export const misspelled: Props = { baseUrl: '/support-api' }
// @ts-expect-error options are checked too
export const wrongOptions: Props = { options: { position: 'top' } }
