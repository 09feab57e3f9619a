export { createDrafts, type DraftRef, type Drafts, type DraftsOptions, type LoadOptions } from './drafts.js'
