import { describe, expect, it } from 'vitest'
import { catalogs, negotiateLocale, supportedLocales, type MessageKey } from '../../../src/i18n/index.js'

/** Characters that exist only in Simplified Chinese (their Traditional forms differ). */
const SIMPLIFIED_ONLY =
  '与丢个临为么们价优会传储关写决冻几别务动区单历压发号吗员咨响团图处备复头审对将尝币帮应开异弃张当录态户执护报拨择挡损换据数断无时显暂机权条来标样检汇沟没满点热状现电盗码确离种称笔简类紧级线组细经结给络绝统继续缓编缩网联节荐补见订认记许设访证评识诉试话询该详语误说请诺读谁谢败账费资转载输边达过还这进连迟选邮释钟钱银锁错键长门闭问间队随隐页项预题额风馈验'

describe('zh-TW catalog', () => {
  // Every domain, as the SDK's loaders put them together (test/setupCatalogs.ts).
  const tw = catalogs['zh-TW'] as Record<MessageKey, string>
  const cn = catalogs['zh-CN'] as Record<MessageKey, string>

  it('is shipped and negotiated for Traditional tags', () => {
    expect(supportedLocales).toContain('zh-TW')
    for (const tag of ['zh-TW', 'zh-Hant', 'zh-HK', 'zh-Hant-TW'])
      expect(negotiateLocale([tag], supportedLocales), tag).toBe('zh-TW')
    expect(negotiateLocale(['zh-Hans-CN'], supportedLocales)).toBe('zh-CN')
  })

  it('has no Simplified-only characters', () => {
    const offenders = Object.entries(tw).filter(([, v]) => [...v].some((c) => SIMPLIFIED_ONLY.includes(c)))
    expect(offenders.map(([k, v]) => `${k}: ${v}`)).toEqual([])
  })

  it('is its own text, not a copy of zh-CN, wherever zh-CN has a convertible character', () => {
    const copied = Object.keys(cn).filter(
      (k) =>
        [...cn[k as keyof typeof cn]].some((c) => SIMPLIFIED_ONLY.includes(c)) &&
        tw[k as keyof typeof tw] === cn[k as keyof typeof cn],
    )
    expect(copied).toEqual([])
  })

  it('uses Taiwan vocabulary and corner quotes', () => {
    expect(tw['panel.title']).toBe('說明與意見回饋')
    expect(Object.values(tw).join('')).not.toMatch(/[“”]|网络|信息|账户/)
  })
})
