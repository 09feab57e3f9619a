import type { Store } from './types.js'

/** Placeholder until the Postgres store lands: a clear error instead of a missing module. */
export const PgStore = {
  async open(_url: string, _options: { attachmentsDir?: string }): Promise<Store> {
    throw new Error('DATABASE_URL is not supported by this build yet')
  },
}
