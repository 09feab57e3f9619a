/**
 * Every test vector of shared/reference/wallet-domain.md §2.4–2.5, copied verbatim, run
 * through the checksum helpers and through redact().
 */
import { describe, expect, it } from 'vitest'
import { cnIdCheckChar, cnIdValid, ibanCheckDigits, ibanValid, luhnValid, redact } from '../../../src/privacy/index.js'

const compact = (s: string) => s.replace(/\s+/g, '')

function kinds(text: string) {
  return redact(text).findings.map((f) => f.kind)
}

describe('Luhn vectors', () => {
  it('accepts the worked example 79927398713 and computes its check digit 3', () => {
    expect(luhnValid('79927398713')).toBe(true)
    const check = [...'0123456789'].find((d) => luhnValid(`7992739871${d}`))
    expect(check).toBe('3')
  })

  it.each(['4111111111111111', '5555555555554444', '378282246310005', '6200000000000005', '6205500000000000004'])(
    '%s is Luhn-valid and redacted as a card',
    (pan) => {
      expect(luhnValid(pan)).toBe(true)
      const r = redact(`card ${pan} thanks`)
      expect(r.findings).toEqual([{ kind: 'card', start: 5, end: 5 + pan.length }])
      expect(r.text).toBe(`card ${'*'.repeat(pan.length - 4)}${pan.slice(-4)} thanks`)
    },
  )

  it('rejects 4111111111111112 and does not redact it', () => {
    expect(luhnValid('4111111111111112')).toBe(false)
    expect(redact('4111111111111112').findings).toEqual([])
  })

  it('6212345678901234 fails Luhn but is still redacted: UnionPay 62 + 16 digits', () => {
    expect(luhnValid('6212345678901234')).toBe(false)
    expect(kinds('6212345678901234')).toEqual(['card'])
  })

  it('the known false positive 1234567812345670 passes Luhn and is redacted (accepted trade-off)', () => {
    expect(luhnValid('1234567812345670')).toBe(true)
    expect(kinds('1234567812345670')).toEqual(['card'])
  })

  it.each(['62123456789002', '6212345678900000003'])('Braintree UnionPay test number %s passes Luhn', (pan) => {
    expect(luhnValid(pan)).toBe(true)
    expect(kinds(pan)).toEqual(['card'])
  })
})

describe('card masking vectors', () => {
  it('6205 5000 0000 0000 004 keeps only the last 4 (UI format ***************0004)', () => {
    const r = redact('6205 5000 0000 0000 004')
    expect(r.text).toBe('***************0004')
    expect(r.text).not.toContain('620550')
  })

  it('4111-1111-1111-1111 → ************1111 (the BIN is not shown either)', () => {
    expect(redact('4111-1111-1111-1111').text).toBe('************1111')
  })
})

describe('IBAN vectors', () => {
  it('GB82 WEST 1234 5698 7654 32 rearranges to 3214282912345698765432161182, mod 97 = 1', () => {
    expect(BigInt('3214282912345698765432161182') % 97n).toBe(1n)
    expect(ibanValid(compact('GB82 WEST 1234 5698 7654 32'))).toBe(true)
    const r = redact('IBAN: GB82 WEST 1234 5698 7654 32.')
    expect(r.text).toBe('IBAN: GB****************5432.')
    expect(r.findings).toEqual([{ kind: 'iban', start: 6, end: 33 }])
  })

  it.each(['DE89370400440532013000', 'NL91ABNA0417164300', 'FR1420041010050500013M02606', 'CH9300762011623852957'])(
    '%s is valid and redacted',
    (iban) => {
      expect(ibanValid(iban)).toBe(true)
      expect(kinds(`pay to ${iban} please`)).toEqual(['iban'])
    },
  )

  it('GB82WEST12345698765431 (remainder 71) is invalid and left alone', () => {
    expect(BigInt('3214282912345698765431161182') % 97n).toBe(71n)
    expect(ibanValid('GB82WEST12345698765431')).toBe(false)
    expect(redact('GB82WEST12345698765431').findings).toEqual([])
  })

  it('computes check digits GB → 82 and DE → 89', () => {
    expect(ibanCheckDigits('GB', 'WEST12345698765432')).toBe('82')
    expect(ibanCheckDigits('DE', '370400440532013000')).toBe('89')
  })
})

describe('CN resident ID vectors', () => {
  it('11010519491231002X: check character X (sum 167 mod 11 = 2)', () => {
    expect(cnIdCheckChar('11010519491231002')).toBe('X')
    expect(cnIdValid('11010519491231002X')).toBe(true)
  })

  it.each([
    ['440524188001010014', '4'],
    ['370101190102039973', '3'],
    ['34052419800101001X', 'X'],
  ])('%s is valid (check %s) and redacted as cn_id keeping the last 4', (id, check) => {
    expect(cnIdCheckChar(id.slice(0, 17))).toBe(check)
    const r = redact(`身份证号：${id}`)
    expect(r.findings.map((f) => f.kind)).toEqual(['cn_id'])
    expect(r.text).toBe(`身份证号：${'*'.repeat(14)}${id.slice(-4)}`)
  })

  it('110105194912310021 fails the check and 11010519491331002X fails the date (month 13)', () => {
    expect(cnIdValid('110105194912310021')).toBe(false)
    expect(cnIdValid('11010519491331002X')).toBe(false)
    expect(kinds('110105194912310021 11010519491331002X')).not.toContain('cn_id')
  })

  it('ORDER: 440524188001010014 also passes Luhn, yet is labelled cn_id, not card', () => {
    expect(luhnValid('440524188001010014')).toBe(true)
    expect(kinds('440524188001010014')).toEqual(['cn_id'])
  })
})

describe('CN mobile vectors', () => {
  it.each(['13800138000', '+8613800138000', '8619912345678', '16612345678'])('%s is a mobile number', (phone) => {
    expect(kinds(`电话 ${phone}`)).toEqual(['phone'])
  })

  it.each(['12345678900', '1380013800', '138001380000'])('%s is not', (n) => {
    expect(kinds(`电话 ${n}`)).not.toContain('phone')
  })

  it('masks as 138****8000', () => {
    expect(redact('13800138000').text).toBe('138****8000')
    expect(redact('+8613800138000').text).toBe('+86 138****8000')
  })
})

describe('e-mail vector', () => {
  it('masks as l***@example.cn', () => {
    const r = redact('联系 li.lei@example.cn 谢谢')
    expect(r.text).toBe('联系 l***@example.cn 谢谢')
    expect(r.findings).toEqual([{ kind: 'email', start: 3, end: 20 }])
  })
})

describe('redaction-order demo (§2.5)', () => {
  it('leaves the 28-digit WeChat Pay and Alipay ids untouched', () => {
    const line = '微信支付单号 4200000404201909069117582536 / 支付宝交易号 2014112611001004680073956707'
    expect(redact(line)).toEqual({ text: line, findings: [] })
  })

  it('hides the code in 验证码是 384921', () => {
    expect(redact('验证码是 384921').text).toBe('验证码是 ******')
  })

  it('closes the gap: cvv 123 is caught', () => {
    const r = redact('cvv 123')
    expect(r.text).toBe('cvv ******')
    expect(r.findings).toEqual([{ kind: 'secret', start: 4, end: 7 }])
  })
})
