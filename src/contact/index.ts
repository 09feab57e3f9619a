/**
 * Contact channels, headless: the channel model, working hours in the operator's time zone,
 * guidance by problem type, and e-mail drafts. The contact panel (widgets/contact) renders it.
 */
export {
  buildContactModel,
  type ChannelKind,
  type ChannelsOption,
  type ContactChannel,
  type ContactModel,
} from './channels.js'
export {
  hoursStatus,
  openIntervals,
  upcomingHolidays,
  wallClock,
  zonedInstant,
  type HoursStatus,
  type WeeklyWindow,
} from './hours.js'
export {
  describeStatus,
  deviceTimeZone,
  formatDateKey,
  formatTime,
  weeklySummary,
  zoneName,
  type FormatContext,
  type WeeklyRow,
} from './format.js'
export {
  channelGuidance,
  READY_ITEMS,
  URGENT_PROBLEMS,
  MAX_WAIT_MINUTES,
  PEAK_WAIT_SECONDS,
  waitHint,
  type Guidance,
  type Urgency,
  type WaitHint,
} from './guidance.js'
export {
  buildMailto,
  emailDraft,
  encodeMailtoValue,
  problemLabelKey,
  type DraftInput,
  type EmailDraft,
} from './mailto.js'
export { httpsUrl, isEmailAddress, isTimeZone, telHref } from './urls.js'
export { SDK_VERSION } from '../version.js'
