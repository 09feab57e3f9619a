/**
 * The one polling helper for tests: calls `check` every `intervalMs` until it neither throws nor
 * returns `false`, and resolves with what it returned. Put the `expect` inside, so a timeout fails
 * with the assertion's own message:
 *
 * @example
 * await waitFor(() => expect(events).toContainEqual({ type: 'resync' }))
 * const reply = await waitFor(() => messages.find((m) => m.author === 'agent') ?? false)
 */
export async function waitFor<T>(
  check: () => T,
  {
    timeoutMs = 8000,
    intervalMs = 10,
    message = 'condition not met in time',
  }: { timeoutMs?: number; intervalMs?: number; message?: string | (() => string) } = {},
): Promise<Exclude<T, false>> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    let failure: unknown
    try {
      const value = check()
      if (value !== false) return value as Exclude<T, false>
      failure = new Error(typeof message === 'function' ? message() : message)
    } catch (error) {
      failure = error
    }
    if (Date.now() > deadline) throw failure
    await new Promise((r) => setTimeout(r, intervalMs))
  }
}
