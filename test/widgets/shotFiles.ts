/**
 * Shared by the screenshot widget tests: a small PNG file, the report form's file picker and an
 * IndexedDB that refuses the screenshots records (a full disk) while the rest land.
 */
import { vi } from 'vitest'

const PNG_BYTES = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0, 0x49, 0x45, 0x4e, 0x44, 0, 0, 0, 0]

/** A PNG named `name`, `size` bytes long (its signature, then zeros). */
export const png = (name = 'receipt.png', size = PNG_BYTES.length): File => {
  const bytes = new Uint8Array(size)
  bytes.set(PNG_BYTES)
  return new File([bytes], name, { type: 'image/png' })
}

/** The report form's screenshot picker, once it shows. */
export const shotInput = (): HTMLInputElement | null =>
  document.querySelector<HTMLInputElement>('[data-field=screenshots] input[type=file]')

/** Every IndexedDB write of a screenshots record fails as a full disk does; the rest land. */
export function refuseShotWrites(): void {
  const proto = (globalThis as { IDBObjectStore: { prototype: { put: (...a: unknown[]) => unknown } } }).IDBObjectStore
    .prototype
  const put = proto.put
  vi.spyOn(proto, 'put').mockImplementation(function (this: unknown, ...args: unknown[]) {
    if (String(args[1]).endsWith(':files')) throw new DOMException('full', 'QuotaExceededError')
    return put.apply(this, args)
  })
}
