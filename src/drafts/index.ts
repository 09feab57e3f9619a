export { createDrafts, type DraftRef, type Drafts, type DraftsOptions } from './drafts.js'
