import 'fake-indexeddb/auto'
import { cleanup, configure } from '@testing-library/preact'
import { afterEach } from 'vitest'

// waitFor gives up after 1 s by default: a busy CI core can take longer than that to run a
// view's effects and its lazy chunks. Waiting longer changes nothing a test asserts.
configure({ asyncUtilTimeout: 5_000 })

afterEach(() => {
  cleanup()
  document.body.replaceChildren()
})
