/**
 * Shared by the masking tests: the fast-check run settings (a fixed seed unless `PRIVACY_SEED`
 * names another) and the check that the device (`redact`) and the reference server (`maskText`)
 * mask a text alike.
 */
import { expect } from 'vitest'
import { redact } from '../../../src/privacy/index.js'
import { maskText } from '../../../examples/server/mask.js'

/** `numRuns` runs from the fixed seed, or from `PRIVACY_SEED` when set. */
export const seeded = (numRuns: number) => ({
  numRuns,
  seed: process.env.PRIVACY_SEED === undefined ? 20261205 : Number(process.env.PRIVACY_SEED),
})

/** Both maskers turn `text` into `masked`. */
export const check = (text: string, masked: string): void => {
  expect(redact(text).text).toBe(masked)
  expect(maskText(text)).toBe(masked)
}
