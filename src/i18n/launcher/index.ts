import type { Locale } from '../../types.js'
import { launcher as en } from './en.js'
import { launcher as zhCN } from './zh-CN.js'
import { launcher as zhTW } from './zh-TW.js'

/**
 * The launcher's strings per locale. They travel with the launcher (the UI entry's chunk), so the
 * button is labelled before any catalog loads; the catalog loader takes its `launcher` domain from
 * here too, imported rather than loaded.
 */
export const launcherStrings: Record<Locale, Record<keyof typeof en, string>> = { en, 'zh-CN': zhCN, 'zh-TW': zhTW }
