import type { KeyValueStore } from '../storage/types.js'
import { byAge } from './policy.js'
import type { OutboxJobBase } from './types.js'

/**
 * Jobs in storage plus an in-memory mirror for synchronous snapshots. Storage is the truth
 * (other tabs write to it too); the mirror only saves re-reading it between attempts.
 */
export function createJobStore(store: KeyValueStore, prefix: string) {
  const jobs = new Map<string, OutboxJobBase>()
  // Local writes that finish while a reload is reading must win over what that reload read.
  const touched = new Map<string, number>()
  let writes = 0

  return {
    snapshot: (): OutboxJobBase[] => [...jobs.values()].sort(byAge),
    /** Fresh from storage, bypassing the mirror. */
    read: (id: string) => store.get<OutboxJobBase>(prefix + id),
    /** Each stored version of a job is a new revision (`rev`), which `change` compares against. */
    async save(job: OutboxJobBase): Promise<void> {
      job.rev = (job.rev ?? 0) + 1
      await store.set(prefix + job.id, job)
      jobs.set(job.id, job)
      touched.set(job.id, ++writes)
    },
    /**
     * Reads the job and stores what `decide` returns in one step where the store can (one
     * IndexedDB transaction: no other tab's write comes between): the job it was given leaves it
     * as it is, `undefined` deletes it. `decide` is synchronous. Resolves to what was decided.
     */
    async change(
      id: string,
      decide: (job: OutboxJobBase | undefined) => OutboxJobBase | undefined,
    ): Promise<{ before: OutboxJobBase | undefined; after: OutboxJobBase | undefined }> {
      let before: OutboxJobBase | undefined
      let after: OutboxJobBase | undefined
      const step = (job: OutboxJobBase | undefined) => {
        before = job
        after = decide(job)
        if (after && after !== job) after = { ...after, rev: (job?.rev ?? 0) + 1 }
        return after
      }
      if (store.update) await store.update(prefix + id, step)
      else {
        // No transactions (a custom store): read, then write; another tab may come between.
        const job = await store.get<OutboxJobBase>(prefix + id)
        const next = step(job)
        if (next !== job) await (next ? store.set(prefix + id, next) : store.del(prefix + id))
      }
      if (after !== before) {
        if (after) jobs.set(id, after)
        else jobs.delete(id)
        touched.set(id, ++writes)
      }
      return { before, after }
    },
    async forget(id: string): Promise<void> {
      await store.del(prefix + id)
      jobs.delete(id)
      touched.set(id, ++writes)
    },
    /** Keeps the mirror in step with a read that showed the job gone or changed. */
    note(id: string, job: OutboxJobBase | undefined): void {
      if (job) jobs.set(id, job)
      else jobs.delete(id)
    },
    async reload(): Promise<OutboxJobBase[]> {
      const since = writes
      const keys = await store.keys(prefix)
      const loaded = await Promise.all(keys.map((k) => store.get<OutboxJobBase>(k)))
      const local = new Map(jobs)
      jobs.clear()
      for (const job of loaded) if (job && typeof job.id === 'string') jobs.set(job.id, job)
      for (const [id, at] of touched) {
        if (at <= since) {
          touched.delete(id)
          continue
        }
        const mine = local.get(id)
        if (mine) jobs.set(id, mine)
        else jobs.delete(id)
      }
      return [...jobs.values()].sort(byAge)
    },
  }
}

export type JobStore = ReturnType<typeof createJobStore>
