import * as z from './wire.js'
import { vendorParser as parser } from './vendorKit.js'

/*
 * Zendesk wire shapes the adapter reads (Requests, Uploads, Users, Help Center). Only the
 * properties we map are declared; unknown ones are stripped so API additions never break us.
 * Sources: developer.zendesk.com Ticket Requests, Uploads, Users (me), Help Center Articles and
 * Search references (see shared/reference/backend-apis.md §1).
 */

const id = z.number()
const str = z.string()
const opt = z.optional
const nstr = z.optional(z.nullable(z.string()))

export const zAttachment = z.object({
  id,
  file_name: str,
  content_url: str,
  content_type: str,
  size: z.number(),
})

export const zRequest = z.object({
  id,
  subject: nstr,
  description: nstr,
  status: z.enum(['new', 'open', 'pending', 'hold', 'solved', 'closed']),
  priority: nstr,
  requester_id: opt(z.nullable(id)),
  created_at: str,
  updated_at: str,
  can_be_solved_by_me: opt(z.boolean()),
  custom_fields: opt(z.array(z.object({ id, value: opt(z.unknown()) }))),
})
export type ZRequest = z.infer<typeof zRequest>

export const zComment = z.object({
  id,
  body: nstr,
  plain_body: nstr,
  public: opt(z.boolean()),
  author_id: id,
  created_at: str,
  attachments: opt(z.array(zAttachment)),
})
export type ZComment = z.infer<typeof zComment>

export const zUser = z.object({ id, name: nstr, role: nstr, agent: opt(z.boolean()) })
export type ZUser = z.infer<typeof zUser>

const cursorMeta = opt(z.object({ has_more: opt(z.boolean()), after_cursor: nstr }))

export const zArticle = z.object({
  id,
  title: str,
  body: nstr,
  locale: str,
  label_names: opt(z.array(str)),
  section_id: opt(z.nullable(id)),
  updated_at: nstr,
  vote_sum: opt(z.nullable(z.number())),
  draft: opt(z.boolean()),
})
export type ZArticle = z.infer<typeof zArticle>

export const parseRequestEnvelope = parser(z.object({ request: zRequest }), 'zendesk request')
export const parseRequestList = parser(
  z.object({ requests: z.array(zRequest), meta: cursorMeta, next_page: nstr }),
  'zendesk requests',
)
export const parseComments = parser(
  z.object({ comments: z.array(zComment), users: opt(z.array(zUser)), meta: cursorMeta, next_page: nstr }),
  'zendesk comments',
)
export const parseUpload = parser(
  z.object({ upload: z.object({ token: str, attachment: zAttachment }) }),
  'zendesk upload',
)
export const parseMe = parser(
  z.object({ user: z.object({ id: z.nullable(id), name: nstr, email: nstr, role: nstr }) }),
  'zendesk user',
)
export const parseArticles = parser(z.object({ articles: z.array(zArticle), next_page: nstr }), 'zendesk articles')
export const parseArticleEnvelope = parser(z.object({ article: zArticle }), 'zendesk article')
export const parseSearch = parser(
  z.object({ results: z.array(z.object({ id, title: str, snippet: nstr, locale: nstr })), next_page: nstr }),
  'zendesk article search',
)
