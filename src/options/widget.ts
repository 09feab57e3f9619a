import { LOCALES } from '../i18n/negotiate.js'
import { bool, fail, int, isObj, obj, oneOf, show, str, suggest, type Check } from './check.js'

const color: Check = (v, p) => {
  str(v, p)
  // Only plain colour syntax: it is interpolated into a stylesheet, so no `;`, braces or url().
  if (!/^[#a-z0-9(),.%\s-]+$/i.test(v as string)) fail(p, `expected a CSS colour, got ${show(v)}`)
}

/** Look and placement: checked in full by the launcher, before anything is mounted. */
export const widgetShape: Record<string, Check> = {
  theme: oneOf('light', 'dark', 'auto'),
  colors: obj({ primary: color, onPrimary: color, background: color, text: color }),
  position: oneOf('bottom-right', 'bottom-left'),
  zIndex: int(0, 2147483647),
  nonce: str,
  launcher: bool,
  fontScale: (v, p) => {
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0.75 || v > 3)
      fail(p, `expected a number from 0.75 to 3, got ${show(v)}`)
  },
  container: (v, p) => {
    if (typeof Element === 'undefined' || !(v instanceof Element)) fail(p, 'expected a DOM element')
  },
}

/**
 * Names of the headless options. The launcher only checks that they are known (and the locale,
 * which it uses); the core checks their values in depth when the panel chunk loads. A unit test
 * keeps this list equal to the core's shape.
 */
export const CORE_OPTION_NAMES = [
  'transport',
  'locale',
  'user',
  'onEvent',
  'onAction',
  'getRecentTransactions',
  'appVersion',
  'articles',
  'messages',
  'channels',
  'bridge',
]

/** What the launcher validates synchronously: widget options in full, core option names. */
export function checkWidgetOptions(options: unknown): void {
  const o = options ?? {}
  if (!isObj(o)) return fail('options', `expected an object, got ${show(o)}`)
  const known = [...CORE_OPTION_NAMES, ...Object.keys(widgetShape)]
  for (const [k, v] of Object.entries(o)) {
    if (!known.includes(k)) fail(`options.${k}`, `unknown option${suggest(k, known)}`)
    const check = widgetShape[k]
    if (check && v !== undefined) check(v, `options.${k}`)
  }
  if (o.locale !== undefined) oneOf('auto', ...LOCALES)(o.locale, 'options.locale')
}
