import { launcherStrings } from '../../src/i18n/launcher/index.js'
import { translate, type MessageParams } from '../../src/i18n/format.js'
import type { Locale } from '../../src/types.js'

type Key = keyof (typeof launcherStrings)['en']

/** The few strings shown before the panel chunk (and its full catalogs) has loaded. */
export function launcherText(locale: Locale, overrides?: Partial<Record<string, string>>) {
  return (key: Key, params?: MessageParams) =>
    translate([overrides, launcherStrings[locale], launcherStrings.en], key, params)
}
