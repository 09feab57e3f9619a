/**
 * Order and invoice numbers shaped like a landline (`0755-2026-0001`) after their label were
 * masked as a phone when the label was `订单号码`, written in Traditional characters (`訂單編號`,
 * `訂單號`, `交易序號`), or named an invoice (`发票号码`, `發票號碼`, "invoice no."): the order label
 * knew `订单号`, `订单编号` and `单号` only. A card with a network's prefix stays masked after them.
 */
import { describe, it } from 'vitest'
import { check } from './both.js'

describe('privacy: an order or invoice number after its label stays, in zh-CN, zh-TW and en', () => {
  it.each([
    '订单号码 0755-2026-0001',
    '訂單號 0755-2026-0001',
    '訂單編號：0755-2026-0001',
    '訂單號碼：0755-2026-0001',
    '交易序號 0755-2026-0001',
    '發票號碼 0755-2026-0001',
    '发票号码 0755-2026-0001',
    '发票号：010-2026-0011',
    'invoice no. 0755-2026-0001',
    'Invoice number: 0755-2026-0001',
  ])('%j stays', (text) => check(text, text))

  it.each([
    ['訂單編號 6222021234567894', '訂單編號 ************7894'],
    ['發票號碼 4111111111111111', '發票號碼 ************1111'],
    ['電話 0755-2026-0001', '電話 0755-****0001'],
  ])('%j → %j', check)
})
