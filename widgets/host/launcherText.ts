import { launcher as en } from '../../src/i18n/locales/en/launcher.js'
import { launcher as zhCN } from '../../src/i18n/locales/zh-CN/launcher.js'
import { launcher as zhTW } from '../../src/i18n/locales/zh-TW/launcher.js'
import { translate, type MessageParams } from '../../src/i18n/format.js'
import type { Locale } from '../../src/types.js'

type Key = keyof typeof en
const tables: Partial<Record<Locale, Record<Key, string>>> = { en, 'zh-CN': zhCN, 'zh-TW': zhTW }

/** The few strings shown before the panel chunk (and its full catalogs) has loaded. */
export function launcherText(locale: Locale, overrides?: Partial<Record<string, string>>) {
  return (key: Key, params?: MessageParams) => translate([overrides, tables[locale], en], key, params)
}
