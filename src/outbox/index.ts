export { createOutbox } from './outbox.js'
export {
  localLock,
  webLocksLock,
  leaseLock,
  defaultLock,
  broadcastChannel,
  OUTBOX_LOCK_NAME,
  type LeaseOptions,
} from './locks.js'
export { backoffDelay, decideFailure, stableStringify, randomUuid, type FailureDecision } from './policy.js'
export type {
  Outbox,
  OutboxOptions,
  OutboxJob,
  OutboxJobBase,
  OutboxJobOf,
  JobPayloads,
  QueuedFile,
  OutboxJobState,
  OutboxJobError,
  OutboxKind,
  OutboxEvent,
  OutboxListener,
  OutboxLock,
  OutboxChannel,
  OutboxChannelMessage,
  OutboxTimers,
  OutboxEnvironment,
  SendContext,
} from './types.js'
