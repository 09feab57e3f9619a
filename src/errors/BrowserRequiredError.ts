import { HelpFeedbackError } from './HelpFeedbackError.js'

/**
 * A browser-only call (`mount()`, `open()`) ran where there is no DOM, e.g. during a server
 * render. Call it on the client instead: in an effect, `onMounted` or an event handler.
 */
export class BrowserRequiredError extends HelpFeedbackError {
  override readonly name = 'BrowserRequiredError'
  constructor() {
    super('unsupported', 'help-feedback: mount() and open() need a browser')
  }
}
