/** "Is this really you?": check a contact against the official channels (headless). */
export {
  checkContact,
  checkHandle,
  classify,
  type CheckKind,
  type CheckResult,
  type LookalikeReason,
  type OfficialMatch,
} from './check.js'
export { buildOfficialList, type OfficialList, type OfficialAccount } from './official.js'
export { parsePhone, phoneKey, type PhoneKey } from './phone.js'
export { registrableDomain } from './domain.js'
export { skeleton, editDistance } from './skeleton.js'
export { decodePunycode, hostToUnicode } from './punycode.js'
