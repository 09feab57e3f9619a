import { readFileSync } from 'node:fs'
import { relative } from 'node:path'
import { describe, expect, it } from 'vitest'
import { apiReports } from '../../../scripts/apiReport.js'

// Builds a TypeScript program over both entries: slow on a busy machine, but one pass.
describe('public API report', () => {
  it('matches api/*.api.md (run `npm run api:update` to accept a change to the public surface)', () => {
    for (const report of apiReports()) {
      const accepted = readFileSync(report.path, 'utf8')
      const file = relative(process.cwd(), report.path)
      expect(
        report.text,
        `${file} is out of date: the public API changed. Review the diff and run \`npm run api:update\`.`,
      ).toBe(accepted)
    }
  }, 240_000)
})
