import { useEffect, useRef, useState } from 'preact/hooks'
import { usePanel } from './context.js'

export interface DraftText {
  value: string
  /** Call on every input: the text is kept (masked, debounced) in the device's drafts. */
  set(value: string): void
  /**
   * After the text was handed to the outbox (or the user threw it away). With `sent`, only
   * when the box still holds exactly that (the user may have started the next message).
   */
  clear(sent?: string): void
}

/**
 * A text box's content kept as a draft on the device, so a reload or a closed panel does not
 * lose what the user was writing. The drafts store masks card numbers and codes before it
 * writes. A stored draft fills the box only while the user has not typed anything yet.
 *
 * @example
 * const reply = useDraftText(`request:${ticketId}:comment`)
 * <textarea value={reply.value} onInput={(e) => reply.set(e.currentTarget.value)} />
 */
export function useDraftText(key: string): DraftText {
  const { client } = usePanel()
  const [value, setValue] = useState('')
  const typed = useRef(false)
  const current = useRef(value)
  current.current = value

  useEffect(() => {
    let live = true
    typed.current = false
    setValue('')
    client.drafts
      .load(key)
      .then((draft) => {
        if (live && !typed.current && draft !== undefined) setValue(draft)
      })
      .catch(() => undefined)
    return () => {
      live = false
    }
  }, [client, key])

  const write = (next: string) => void client.drafts.save(key, next).catch(() => undefined)
  return {
    value,
    set(next) {
      typed.current = true
      current.current = next
      setValue(next)
      write(next)
    },
    clear(sent) {
      if (sent !== undefined && current.current !== sent) return
      current.current = ''
      setValue('')
      write('')
    },
  }
}
