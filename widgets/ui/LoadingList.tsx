import type { ComponentChildren } from 'preact'

interface Props<T> {
  /** Undefined while loading. */
  items: T[] | undefined
  loading: string
  empty: string
  /** The class of the loading and empty lines. */
  noteClass: string
  listClass?: string
  /** One `<li>` per item. */
  children: (item: T) => ComponentChildren
}

/** A list that loads: a status line while it does, a line saying it is empty, or the items. */
export function LoadingList<T>({ items, loading, empty, noteClass, listClass, children }: Props<T>) {
  if (!items)
    return (
      <p class={noteClass} role="status">
        {loading}
      </p>
    )
  if (!items.length) return <p class={noteClass}>{empty}</p>
  return <ul class={listClass}>{items.map(children)}</ul>
}
