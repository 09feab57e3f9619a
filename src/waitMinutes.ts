/**
 * The most minutes a wait is said in (about a week). A longer estimate is a backend's
 * placeholder, not a wait to count down; the widgets keep room for four digits, so the lines
 * around it never move when it arrives.
 */
export const MAX_WAIT_MINUTES = 9999

/**
 * A wait in seconds as the whole minutes the widgets say: at least 1, at most `MAX_WAIT_MINUTES`;
 * 0 (say no minutes) for no wait or one the backend does not know: a negative placeholder (-1),
 * or no number at all, as Contact's wait hint says nothing for it.
 */
export const waitMinutes = (seconds = 0): number =>
  seconds > 0 && seconds < Infinity ? Math.min(MAX_WAIT_MINUTES, Math.max(1, Math.round(seconds / 60))) : 0
