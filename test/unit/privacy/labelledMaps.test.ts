/**
 * A report's `fields` and `diagnostics` are maps whose keys say what a value is: `{ cvv: 123 }`,
 * `{ 'verification code': '384921' }`, `{ password: 'hunter2' }`. The redactor reads such a value
 * only in running text (`cvv: 123`), so on the device it left as it was; the server masks it
 * (`maskInput`, 24f6de8). The SDK now reads each value of these maps after its label as well, and
 * masks the labels, so what leaves the device is what the server would store.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { maskInput } from '../../../examples/server/mask.js'
import { redactFields } from '../../../src/privacy/index.js'
import { buildTicketInput } from '../../../src/reports/index.js'

const params = {
  numRuns: 1500,
  seed: process.env.PRIVACY_SEED === undefined ? 20261204 : Number(process.env.PRIVACY_SEED),
}

const diagnosticsOf = (diagnostics: Record<string, string | number | boolean | null>) =>
  buildTicketInput('other', { description: 'Something odd happened with this payment.' }, { diagnostics })

describe('values of a report’s field maps, read after their label', () => {
  it('hide codes, CVV, PIN and passwords named by their key, as strings or numbers', () => {
    const { input, hidden } = diagnosticsOf({
      cvv: 123,
      'verification code': '384921',
      password: 'hunter2',
      PIN: '1234',
      短信验证码: 384921,
      otp: '384921',
    })
    const text = JSON.stringify(input.diagnostics)
    for (const secret of ['123', '384921', 'hunter2', '1234']) expect(text).not.toContain(secret)
    expect(input.diagnostics?.cvv).toBe('******')
    expect(hidden.kinds).toEqual(['secret'])
  })

  it('keep ordinary values, numbers as numbers', () => {
    const diagnostics = {
      app: '1.2.3',
      build: 4521,
      'retry code': 'E-1001',
      'error code': '1001',
      count: 3,
      amount: 128.5,
    }
    const { input, findings } = diagnosticsOf(diagnostics)
    expect(input.diagnostics).toEqual(diagnostics)
    expect(findings).toEqual([])
  })

  it('mask a label that holds a secret, and keep two labels apart that mask alike', () => {
    const { input, findings } = diagnosticsOf({
      'card 4111111111111111': 'x',
      'password: hunter2': 'a',
      'password: letmein': 'b',
    })
    expect(input.diagnostics).toEqual({
      'card ************1111': 'x',
      'password: ******': 'a',
      'password: ****** (2)': 'b',
    })
    expect(JSON.stringify(findings)).not.toMatch(/4111111111111111|hunter2|letmein/)
  })

  it('leave the server nothing to mask', () => {
    const label = fc.constantFrom(
      'cvv',
      'CVV2',
      'pin',
      'otp',
      'code',
      'sms code',
      'verification code',
      '验证码',
      'password',
      '密码',
      'note',
      'error code',
      'build',
      'app',
      'card',
      'phone',
      'card 4111111111111111',
    )
    const value = fc.oneof(
      fc.stringMatching(/^\d{3,8}$/),
      fc.integer({ min: 0, max: 99_999_999 }),
      fc.constantFrom(
        4111111111111111,
        13800138000,
        128.5,
        'hunter2',
        'E-1001',
        '1.2.3',
        true,
        null,
        'call 13800138000',
      ),
    )
    fc.assert(
      fc.property(fc.dictionary(label, value, { maxKeys: 5 }), (diagnostics) => {
        const sent = redactFields({ diagnostics }, { labelMaps: ['diagnostics'] }).value.diagnostics
        expect(maskInput({ diagnostics: sent }).diagnostics).toEqual(sent)
        // The device masks at least what the server masks.
        const server = maskInput({ diagnostics }).diagnostics as Record<string, unknown>
        expect(Object.keys(sent)).toEqual(Object.keys(server))
        expect(sent).toEqual(server)
      }),
      params,
    )
  })
})
