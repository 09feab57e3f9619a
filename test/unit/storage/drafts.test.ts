import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createDrafts } from '../../../src/drafts/index.js'
import { memoryStore } from '../../../src/storage/index.js'

beforeEach(() => {
  vi.useFakeTimers()
})
afterEach(() => {
  vi.useRealTimers()
})

const maskDigits = (v: unknown) => JSON.parse(JSON.stringify(v).replace(/\d(?=\d{4})/g, '*'))

describe('drafts', () => {
  it('writes once after the user stops typing', async () => {
    const store = memoryStore()
    const set = vi.spyOn(store, 'set')
    const drafts = createDrafts(store, { debounceMs: 400, environment: {} })
    drafts.save('report', { text: 'c' })
    await vi.advanceTimersByTimeAsync(200)
    drafts.save('report', { text: 'ch' })
    await vi.advanceTimersByTimeAsync(200)
    drafts.save('report', { text: 'charged twice' })
    expect(set).not.toHaveBeenCalled()
    await vi.advanceTimersByTimeAsync(400)
    expect(set).toHaveBeenCalledOnce()
    expect(set.mock.calls[0]?.[1]).toMatchObject({ value: { text: 'charged twice' } })
  })

  it('writes at once when asked (a screenshot added), without waiting for quiet; a later save still waits', async () => {
    const store = memoryStore()
    const set = vi.spyOn(store, 'set')
    const drafts = createDrafts(store, { debounceMs: 400, environment: {} })
    drafts.save('files', { files: ['receipt.png'] }, true)
    await vi.advanceTimersByTimeAsync(0)
    expect(set).toHaveBeenCalledOnce()
    expect(await createDrafts(store, { environment: {} }).load('files')).toEqual({ files: ['receipt.png'] })
    // Written once: the debounce timer of that save is gone.
    await vi.advanceTimersByTimeAsync(400)
    expect(set).toHaveBeenCalledOnce()
    drafts.save('files', { files: [] })
    await vi.advanceTimersByTimeAsync(0)
    expect(set).toHaveBeenCalledOnce()
    await vi.advanceTimersByTimeAsync(400)
    expect(set).toHaveBeenCalledTimes(2)
  })

  it('restores after a reload (a new instance on the same store)', async () => {
    const store = memoryStore()
    const page1 = createDrafts(store, { environment: {} })
    page1.save('report:tx_1', { category: 'double_charge', text: 'charged twice' })
    await vi.advanceTimersByTimeAsync(400)
    const page2 = createDrafts(store, { environment: {} })
    expect(await page2.load('report:tx_1')).toEqual({ category: 'double_charge', text: 'charged twice' })
    await page2.clear('report:tx_1')
    expect(await createDrafts(store, { environment: {} }).load('report:tx_1')).toBeUndefined()
  })

  it('redacts before anything reaches storage', async () => {
    const store = memoryStore()
    const set = vi.spyOn(store, 'set')
    const drafts = createDrafts(store, { redact: maskDigits, environment: {} })
    drafts.save('report', { text: 'card 6222021234567890 was charged' })
    await drafts.flush()
    expect(JSON.stringify(set.mock.calls)).not.toContain('6222021234567890')
    const reloaded = createDrafts(store, { environment: {} })
    expect(await reloaded.load('report')).toEqual({ text: 'card ************7890 was charged' })
  })

  it('writes pending drafts on pagehide, before the debounce ends', async () => {
    const store = memoryStore()
    const win = new EventTarget()
    const drafts = createDrafts(store, { debounceMs: 10_000, environment: { window: win } })
    drafts.save('chat:c1', 'half-written message')
    win.dispatchEvent(new Event('pagehide'))
    await vi.advanceTimersByTimeAsync(0)
    expect(await store.get('draft:chat:c1')).toMatchObject({ value: 'half-written message' })
  })

  it('keeps the value for this page, never the unredacted text on disk, when redaction throws', async () => {
    const store = memoryStore()
    const errors: unknown[] = []
    const drafts = createDrafts(store, {
      redact: () => {
        throw new Error('redactor failed')
      },
      onError: (e) => errors.push(e),
      environment: {},
    })
    drafts.save('report', 'pin 123456')
    await drafts.flush()
    expect(await store.get('draft:report')).toBeUndefined()
    expect(await drafts.load('report')).toBe('pin 123456')
    expect(errors).toHaveLength(1)
  })

  describe('when the page goes away before the asynchronous write lands', () => {
    const syncStorage = () => {
      const items = new Map<string, string>()
      return {
        items,
        getItem: (k: string) => items.get(k) ?? null,
        setItem: (k: string, v: string) => void items.set(k, v),
        removeItem: (k: string) => void items.delete(k),
      }
    }
    // A store whose writes never finish: the page was torn down under them.
    const dyingStore = () => ({ ...memoryStore(), set: () => new Promise<void>(() => {}) })

    it('pagehide keeps a synchronous, redacted copy that the next page restores', async () => {
      const disk = memoryStore()
      const backup = syncStorage()
      const win = new EventTarget()
      const page1 = createDrafts(
        { ...disk, set: dyingStore().set },
        { debounceMs: 400, redact: maskDigits, environment: { window: win, backup } },
      )
      page1.save('chat:composer', 'card 6222020200112233 was charged')
      win.dispatchEvent(new Event('pagehide'))
      expect([...backup.items.values()].join()).not.toContain('6222020200112233')
      const page2 = createDrafts(disk, { environment: { backup } })
      expect(await page2.load('chat:composer')).toBe('card ************2233 was charged')
    })

    it('a hidden page does the same; visible changes write nothing early', async () => {
      const backup = syncStorage()
      const doc = Object.assign(new EventTarget(), { visibilityState: 'visible' })
      const drafts = createDrafts(dyingStore(), { debounceMs: 400, environment: { document: doc, backup } })
      drafts.save('request:t1:comment', 'still no refund')
      doc.dispatchEvent(new Event('visibilitychange'))
      expect(backup.items.size).toBe(0)
      doc.visibilityState = 'hidden'
      doc.dispatchEvent(new Event('visibilitychange'))
      expect(await createDrafts(memoryStore(), { environment: { backup } }).load('request:t1:comment')).toBe(
        'still no refund',
      )
    })

    it('a later write to disk, or clearing the draft, drops the copy so an old text never comes back', async () => {
      const store = memoryStore()
      const backup = syncStorage()
      const win = new EventTarget()
      const drafts = createDrafts(store, { debounceMs: 400, environment: { window: win, backup } })
      drafts.save('chat:composer', 'first')
      win.dispatchEvent(new Event('pagehide'))
      await vi.advanceTimersByTimeAsync(0)
      expect(backup.items.size).toBe(0)
      drafts.save('chat:composer', 'second')
      win.dispatchEvent(new Event('pagehide'))
      await drafts.clear('chat:composer')
      expect(backup.items.size).toBe(0)
      expect(await createDrafts(store, { environment: { backup } }).load('chat:composer')).toBeUndefined()
    })
  })
})

describe('a draft held while it is being sent', () => {
  it('a save then is not written; cleared meanwhile (sent), it is never written: no late save brings the draft back', async () => {
    const store = memoryStore()
    const drafts = createDrafts(store, { debounceMs: 400, environment: {} })
    drafts.save('report', { text: 'charged twice' })
    await drafts.flush()
    const release = drafts.hold('report')
    drafts.save('report', { text: 'charged twice, and again' })
    await vi.advanceTimersByTimeAsync(400)
    expect(await store.get('draft:report')).toMatchObject({ value: { text: 'charged twice' } })
    await drafts.clear('report')
    // A save scheduled before the send (a debounce, an idle callback) that lands after the clear.
    drafts.save('report', { text: 'charged twice' }, true)
    await vi.advanceTimersByTimeAsync(400)
    release()
    await vi.advanceTimersByTimeAsync(400)
    await drafts.flush()
    expect(await store.get('draft:report')).toBeUndefined()
    expect(await drafts.load('report')).toBeUndefined()
    expect(await createDrafts(store, { environment: {} }).load('report')).toBeUndefined()
    // Let go: the next report's draft is saved as usual.
    drafts.save('report', { text: 'another problem' })
    await drafts.flush()
    expect(await store.get('draft:report')).toMatchObject({ value: { text: 'another problem' } })
  })

  it('not cleared (the send failed), the latest save is written on release: nothing the user wrote is lost', async () => {
    const store = memoryStore()
    const drafts = createDrafts(store, { debounceMs: 400, environment: {} })
    const release = drafts.hold('report')
    drafts.save('report', { text: 'charged' })
    drafts.save('report', { text: 'charged twice' })
    expect(await drafts.load('report')).toEqual({ text: 'charged twice' })
    await drafts.flush()
    expect(await store.get('draft:report')).toBeUndefined()
    release()
    await drafts.flush()
    expect(await store.get('draft:report')).toMatchObject({ value: { text: 'charged twice' } })
  })

  it('a save pending when the hold starts is still written unless the draft is cleared', async () => {
    const store = memoryStore()
    const drafts = createDrafts(store, { debounceMs: 400, environment: {} })
    drafts.save('a', 'typed just before send')
    drafts.save('b', 'typed just before send')
    const releaseA = drafts.hold('a')
    const releaseB = drafts.hold('b')
    await drafts.clear('b')
    await vi.advanceTimersByTimeAsync(400)
    releaseA()
    releaseB()
    await drafts.flush()
    expect(await store.get('draft:a')).toMatchObject({ value: 'typed just before send' })
    expect(await store.get('draft:b')).toBeUndefined()
  })

  it('two holds: the draft is let go when both are released', async () => {
    const store = memoryStore()
    const drafts = createDrafts(store, { debounceMs: 400, environment: {} })
    const first = drafts.hold('report')
    const second = drafts.hold('report')
    drafts.save('report', 'held')
    first()
    first()
    await drafts.flush()
    expect(await store.get('draft:report')).toBeUndefined()
    second()
    await drafts.flush()
    expect(await store.get('draft:report')).toMatchObject({ value: 'held' })
  })
})
