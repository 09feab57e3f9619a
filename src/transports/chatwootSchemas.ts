import * as z from './wire.js'
import { vendorParser as parser } from './vendorKit.js'

/*
 * Chatwoot client-API and ActionCable shapes, from the jbuilder views and models of
 * chatwoot/chatwoot (public/api/v1/models/_contact, _conversation, _message;
 * Attachment#push_event_data; Message#push_event_data). Only mapped properties are declared.
 */

const str = z.string()
const num = z.number()
const opt = z.optional
const nstr = z.optional(z.nullable(z.string()))

/** Attachment#push_event_data: no file name or MIME type; `file_type` is image/audio/video/file/… */
export const cwAttachment = z.object({
  id: num,
  file_type: nstr,
  data_url: nstr,
  thumb_url: nstr,
  file_size: opt(z.nullable(num)),
  extension: nstr,
})
export type CwAttachment = z.infer<typeof cwAttachment>

export const cwMessage = z.object({
  id: num,
  content: nstr,
  /** 0 incoming (contact), 1 outgoing (agent/bot), 2 activity, 3 template. */
  message_type: num,
  content_type: nstr,
  content_attributes: opt(z.nullable(z.record(str, z.unknown()))),
  /** Unix seconds. */
  created_at: num,
  conversation_id: opt(num),
  attachments: opt(z.nullable(z.array(cwAttachment))),
  sender: opt(z.nullable(z.object({ id: opt(num), name: nstr, type: nstr }))),
  /** Only on websocket echoes of a message we sent with `echo_id`. */
  echo_id: nstr,
  private: opt(z.boolean()),
})
export type CwMessage = z.infer<typeof cwMessage>

export const cwConversation = z.object({
  /** The display id: what every nested route takes as `conversation_id`. */
  id: num,
  uuid: nstr,
  status: z.enum(['open', 'resolved', 'pending', 'snoozed']),
  contact_last_seen_at: opt(z.nullable(num)),
  agent_last_seen_at: opt(z.nullable(num)),
  messages: opt(z.nullable(z.array(cwMessage))),
  /** Present on websocket push data (Conversations::EventDataPresenter), not in REST views. */
  custom_attributes: opt(z.nullable(z.record(str, z.unknown()))),
  created_at: opt(z.nullable(num)),
})
export type CwConversation = z.infer<typeof cwConversation>

export const cwContact = z.object({ source_id: str, pubsub_token: str, id: opt(num), name: nstr, email: nstr })
export type CwContact = z.infer<typeof cwContact>

export const cwTyping = z.object({
  conversation: z.object({ id: num }),
  user: opt(z.nullable(z.object({ id: opt(num), name: nstr, type: nstr }))),
  is_private: opt(z.boolean()),
})

export const cwArticle = z.object({
  id: num,
  title: str,
  content: nstr,
  description: nstr,
  status: z.union([str, num]),
  last_updated_at: opt(z.nullable(z.union([str, num]))),
  views: opt(z.nullable(num)),
  category: opt(z.nullable(z.object({ id: opt(num), slug: nstr, locale: nstr }))),
})

export const parseContact = parser(cwContact, 'chatwoot contact')
export const parseConversation = parser(cwConversation, 'chatwoot conversation')
export const parseConversations = parser(z.array(cwConversation), 'chatwoot conversations')
export const parseMessage = parser(cwMessage, 'chatwoot message')
export const parseMessages = parser(z.array(cwMessage), 'chatwoot messages')
export const parseArticles = parser(z.object({ payload: z.array(cwArticle) }), 'chatwoot articles')
