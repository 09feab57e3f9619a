/** One frame of a `text/event-stream`: its `id:`, `data:` and `retry:` lines and a `:` comment. */
export type EventFrame = { id?: string; data?: string; comment?: string; retry?: string }

/** Splits what a stream sent into frames (a blank line ends one). */
export function parseFrames(text: string): EventFrame[] {
  const frames: EventFrame[] = []
  for (const block of text.split('\n\n')) {
    const f: EventFrame = {}
    for (const line of block.split('\n')) {
      if (line.startsWith(':')) f.comment = line.slice(1).trim()
      else if (line.startsWith('id: ')) f.id = line.slice(4)
      else if (line.startsWith('data: ')) f.data = line.slice(6)
      else if (line.startsWith('retry: ')) f.retry = line.slice(7)
    }
    if (Object.keys(f).length) frames.push(f)
  }
  return frames
}

/**
 * Opens `url` as an event stream and reads it until it ends or `ms` have passed, then hangs up.
 * With `during`, the stream is held open 100 ms first (so the server has registered it), then
 * `during()` runs, then the `ms` start. A refused stream (not 200) has no frames.
 */
export async function readEventStream(
  url: string,
  headers: Record<string, string>,
  { ms, during }: { ms: number; during?: () => Promise<void> },
): Promise<{ status: number; ctype: string | null; frames: EventFrame[] }> {
  const ac = new AbortController()
  const res = await fetch(url, { headers: { Accept: 'text/event-stream', ...headers }, signal: ac.signal })
  const ctype = res.headers.get('content-type')
  if (res.status !== 200 || !res.body) {
    ac.abort()
    return { status: res.status, ctype, frames: [] }
  }
  const reader = res.body.getReader()
  const dec = new TextDecoder()
  let text = ''
  const reading = (async () => {
    try {
      for (;;) {
        const { value, done } = await reader.read()
        if (done) break
        text += dec.decode(value, { stream: true })
      }
    } catch {
      /* aborted */
    }
  })()
  if (during) {
    await new Promise((r) => setTimeout(r, 100))
    await during()
  }
  let timer: ReturnType<typeof setTimeout> | undefined
  await Promise.race([reading, new Promise((r) => (timer = setTimeout(r, ms)))])
  clearTimeout(timer)
  ac.abort()
  await reading
  return { status: res.status, ctype, frames: parseFrames(text) }
}
