import { describe, expect, it } from 'vitest'
import { redactFields } from '../../../src/privacy/index.js'

describe('a __proto__ key in data that is masked', () => {
  it('stays an own key of the copy, masked, and gives the copy no inherited fields', () => {
    const input = JSON.parse('{"a":"x","__proto__":{"note":"call 13800138000","b":"y"}}') as Record<string, unknown>
    const { value, findings } = redactFields(input)
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype)
    expect(Object.keys(value)).toEqual(['a', '__proto__'])
    expect((value as { b?: unknown }).b).toBeUndefined()
    const inner = Object.getOwnPropertyDescriptor(value, '__proto__')?.value as { note: string; b: string }
    expect(inner.b).toBe('y')
    expect(inner.note).not.toContain('13800138000')
    expect(findings.map((f) => f.path)).toEqual(['__proto__.note'])
  })
})
