import { createHash } from 'node:crypto'
import type { App, Ctx, Route } from '../app.js'
import { attachmentSig, bearerFrom, safeEqual, verifySession } from '../auth.js'
import { HttpError, notFound, readBody, rejected } from '../http.js'
import { maskText } from '../mask.js'
import { newId, nowIso, type RefOut, type StoredRef } from '../model.js'

/** Allowed upload types and the leading bytes each must start with. */
const MAGIC: Record<string, (b: Buffer) => boolean> = {
  'image/png': (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
  'image/jpeg': (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff,
  'image/webp': (b) => b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WEBP',
  'application/pdf': (b) => b.subarray(0, 5).toString('latin1') === '%PDF-',
}

/** Allowed MIME types, in the order docs list them. */
export const allowedTypes = Object.keys(MAGIC)

const MAX_NAME = 120

/**
 * Makes a user-supplied file name safe to store and to echo in Content-Disposition: no
 * directories, no control or bidi-override characters, no leading dots, bounded length.
 * @example sanitizeFileName('..%2F..%2Fetc%2Fpasswd') // 'passwd'
 */
export function sanitizeFileName(raw: string): string {
  let name = raw
  try { name = decodeURIComponent(raw) } catch { /* keep the raw text */ }
  name = name.split(/[/\\]/).pop() ?? ''
  // eslint-disable-next-line no-control-regex
  name = name.replace(/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '')
  name = name.replace(/^[.\s]+/, '').trim()
  if (name.length > MAX_NAME) {
    const dot = name.lastIndexOf('.')
    const ext = dot > 0 && name.length - dot <= 10 ? name.slice(dot) : ''
    name = name.slice(0, MAX_NAME - ext.length) + ext
  }
  return name || 'file'
}

interface AttachmentRow { id: string; user_id: string; name: string; type: string; size: number; data: Buffer }

/** Builds the `refOut` of the app: absolute capability URL per attachment. */
export function makeRefOut(secret: string): (origin: string) => RefOut {
  return (origin) => (ref) => ({ ...ref, url: `${origin}/v1/attachments/${ref.id}?sig=${attachmentSig(secret, ref.id)}` })
}

/**
 * Resolves client-sent refs to this user's stored attachments (name/type/size from our record),
 * so a ticket cannot point at someone else's file or lie about its type.
 */
export function resolveRefs(app: App, userId: string, refs: Array<{ id: string }>, field = 'attachments'): StoredRef[] {
  const stmt = app.db.prepare<AttachmentRow>('SELECT id, user_id, name, type, size FROM attachments WHERE id = ?')
  const fields: Record<string, string> = {}
  const out: StoredRef[] = []
  refs.forEach((r, i) => {
    const row = stmt.get(r.id)
    if (!row || row.user_id !== userId) fields[`${field}.${i}`] = 'Unknown attachment'
    else out.push({ id: row.id, name: row.name, type: row.type, size: row.size })
  })
  if (Object.keys(fields).length > 0) throw rejected('unknown attachment', fields)
  return out
}

async function readUpload(ctx: Ctx): Promise<void> {
  const type = String(ctx.req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? ''
  if (!MAGIC[type]) throw new HttpError(415, 'file_type', `type not allowed; use ${allowedTypes.join(', ')}`)
  const limit = ctx.app.maxUploadBytes
  const tooLarge = (): HttpError => new HttpError(413, 'file_too_large', `file over ${limit} bytes`)
  const raw = await readBody(ctx.req, limit, tooLarge)
  if (raw.length === 0) throw rejected('empty file', { file: 'Required' })
  if (!MAGIC[type]?.(raw)) throw new HttpError(415, 'file_type', 'file content does not match its type')
  const name = maskText(sanitizeFileName(String(ctx.req.headers['x-file-name'] ?? '')))
  const sha = createHash('sha256').update(raw).digest('hex')
  ctx.raw = raw
  ctx.body = { type, name, sha }
  ctx.fingerprint = `${type}\n${name}\n${sha}`
}

export function attachmentRoutes(): Route[] {
  return [
    {
      method: 'POST', path: '/v1/attachments', auth: 'user', idem: 'required', read: readUpload,
      handle: ({ app, userId, raw, body, origin }) => {
        const { type, name, sha } = body as { type: string; name: string; sha: string }
        const id = newId('att')
        const data = raw as Buffer
        app.db.prepare('INSERT INTO attachments (id, user_id, name, type, size, sha256, data, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
          .run(id, userId, name, type, data.length, sha, data, nowIso())
        return { status: 201, body: app.refOut(origin)({ id, name, type, size: data.length }) }
      },
    },
    {
      method: 'GET', path: '/v1/attachments/:id', auth: 'none',
      stream: ({ app, req, url, params, res }) => {
        const row = app.db.prepare<AttachmentRow>('SELECT * FROM attachments WHERE id = ?').get(params.id)
        if (!row) throw notFound('no such attachment')
        const sig = url.searchParams.get('sig')
        const token = bearerFrom(req, url, true)
        const agentKey = req.headers['x-agent-key'] ?? url.searchParams.get('key')
        const allowed = (sig !== null && safeEqual(sig, attachmentSig(app.secret, row.id))) ||
          (token !== undefined && verifySession(app.secret, token) === row.user_id) ||
          (typeof agentKey === 'string' && safeEqual(agentKey, app.agentKey))
        // 404 rather than 401 so ids of other users' files cannot be probed.
        if (!allowed) throw notFound('no such attachment')
        const ascii = row.name.replace(/[^\x20-\x7e]|["\\]/g, '_')
        res.writeHead(200, {
          'Content-Type': row.type,
          'Content-Length': row.data.length,
          'Content-Disposition': `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(row.name)}`,
          'X-Content-Type-Options': 'nosniff',
          'Content-Security-Policy': "default-src 'none'; sandbox",
          'Cache-Control': 'private, max-age=3600',
        })
        res.end(row.data)
      },
    },
  ]
}
