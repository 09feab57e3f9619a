import { HelpFeedbackError } from './HelpFeedbackError.js'

/** Bad options. `path` names the offending option, e.g. `channels.hotline.number`. */
export class ConfigError extends HelpFeedbackError {
  override readonly name = 'ConfigError'
  readonly path: string

  constructor(path: string, problem: string) {
    super('config', `help-feedback: invalid option "${path}": ${problem}`)
    this.path = path
  }
}
