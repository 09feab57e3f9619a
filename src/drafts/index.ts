export { createDrafts, type Drafts, type DraftsOptions } from './drafts.js'
