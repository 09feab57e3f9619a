import { VIEWS } from '../views.js'
import { oneOf } from './check.js'

/**
 * Throws a ConfigError (path `view`) unless `view` is one of the panel's views: a host's
 * `open('nope')` is refused where it is called, before anything changes.
 */
export const checkView: (view: unknown) => void = (view) => oneOf(...VIEWS)(view, 'view')
