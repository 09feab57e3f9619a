/**
 * Upload progress of queued files, from the outbox's delivery to whoever shows it (the report
 * form's thumbnails). A file is named by its name and byte size: the outbox may hand the job a
 * copy of the Blob read back from storage, so object identity does not survive.
 */
export interface UploadProgress {
  jobId: string
  name: string
  size: number
  /** Bytes sent so far and the body's size, from the transport's upload events. */
  loaded: number
  total: number
  phase: 'uploading' | 'done' | 'failed'
}

const listeners = new Set<(p: UploadProgress) => void>()

/** Listen to every upload's progress; returns unsubscribe. */
export function onUploadProgress(listener: (p: UploadProgress) => void): () => void {
  listeners.add(listener)
  return () => void listeners.delete(listener)
}

/** Called by the delivery code for each progress event of a file it uploads. */
export function reportUploadProgress(p: UploadProgress): void {
  for (const l of [...listeners]) {
    try {
      l(p)
    } catch {
      /* a faulty listener must not break the upload */
    }
  }
}
