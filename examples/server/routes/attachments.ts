import { createHash } from 'node:crypto'
import type { App, Ctx, Route, Viewer } from '../app.js'
import { agentCredential, attachmentSig, bearerFrom, safeEqual, verifySession } from '../auth.js'
import { HttpError, notFound, readBody, rejected } from '../http.js'
import { tooMany } from '../limits.js'
import { maskText } from '../mask.js'
import { newId, nowIso, type RefOut, type StoredRef } from '../model.js'
import type { Repo } from '../store/types.js'

/**
 * Allowed upload types and the leading bytes each must start with. A Map, not an object: the type
 * is the client's Content-Type, and `constructor` or `__proto__` would find Object.prototype's.
 */
const MAGIC = new Map<string, (b: Buffer) => boolean>([
  ['image/png', (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))],
  ['image/jpeg', (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff],
  [
    'image/webp',
    (b) => b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WEBP',
  ],
  ['application/pdf', (b) => b.subarray(0, 5).toString('latin1') === '%PDF-'],
])

/** The one extension a served file may carry, from its sniffed type. */
const EXT = new Map([
  ['image/png', '.png'],
  ['image/jpeg', '.jpg'],
  ['image/webp', '.webp'],
  ['application/pdf', '.pdf'],
])

/** Allowed MIME types, in the order docs list them. */
export const allowedTypes = [...MAGIC.keys()]

const MAX_NAME = 120

/**
 * Makes a user-supplied file name safe to store and to echo in Content-Disposition: no
 * directories, no control or bidi-override characters, no leading dots, bounded length.
 * @example sanitizeFileName('..%2F..%2Fetc%2Fpasswd') // 'passwd'
 */
export function sanitizeFileName(raw: string): string {
  let name = raw
  try {
    name = decodeURIComponent(raw)
  } catch {
    /* keep the raw text */
  }
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

/**
 * The name a file is stored and served under: the user's stem, with the extension of the type its
 * bytes were sniffed as, so `evil.html` holding a PNG is served as `evil.png`.
 * @example safeName('evil.html', 'image/png') // 'evil.png'
 */
export function safeName(name: string, type: string): string {
  const dot = name.lastIndexOf('.')
  const stem = (dot > 0 ? name.slice(0, dot) : name) || 'file'
  return stem + (EXT.get(type) ?? '.bin')
}

/**
 * `attached` of an upload whose bytes went on to an external help desk (Freshdesk proxy): the row
 * stays, without its data, so the upload still counts against the day's quota; it cannot be
 * attached or downloaded again, and is deleted once it has aged out of the quota window.
 */
export const FORWARDED = 2

/** Drops a forwarded upload's bytes but keeps its size on the user's quota for 24 h. */
export async function markForwarded(repo: Repo, id: string): Promise<void> {
  await repo.setAttached(id, FORWARDED, true)
}

/**
 * Builds the `refOut` of the app: absolute link from the configured public URL, signed for the
 * viewer (`u` = the owner, `a` = agents) and expiring after `ttlMs`.
 */
export function makeRefOut(secret: string, publicUrl: () => string, ttlMs: number): (viewer: Viewer) => RefOut {
  return (viewer) => (ref) => {
    const by = viewer === 'agent' ? 'a' : 'u'
    const exp = Math.ceil((Date.now() + ttlMs) / 1000)
    return {
      ...ref,
      url: `${publicUrl()}/v1/attachments/${ref.id}?by=${by}&exp=${exp}&sig=${attachmentSig(secret, ref.id, by, exp)}`,
    }
  }
}

/** Deletes uploads that were never attached within the retention window; returns how many. */
export function sweepUnattached(app: App, now = Date.now()): Promise<number> {
  const cut = new Date(now - app.limits.unattachedUploadTtlMs).toISOString()
  const quotaCut = new Date(now - 24 * 3600_000).toISOString()
  return app.store.tx((repo) => repo.sweepAttachments(cut, quotaCut, FORWARDED))
}

/** Refuses an upload that would take the user past their bytes-per-day quota (429 + Retry-After). */
async function checkQuota(app: App, repo: Repo, userId: string, size: number, now = Date.now()): Promise<void> {
  const since = new Date(now - 24 * 3600_000).toISOString()
  await repo.lockUser(userId)
  const used = await repo.uploadUsage(userId, since)
  if (used.bytes + size <= app.limits.uploadBytesPerDay) return
  const wait = used.oldest ? Date.parse(used.oldest) + 24 * 3600_000 - now : 24 * 3600_000
  throw tooMany('upload_quota', `uploads are limited to ${app.limits.uploadBytesPerDay} bytes per day`, wait)
}

/**
 * Resolves client-sent refs to this user's stored attachments (name/type/size from our record),
 * so a ticket cannot point at someone else's file or lie about its type.
 */
export async function resolveRefs(
  repo: Repo,
  userId: string,
  refs: Array<{ id: string }>,
  field = 'attachments',
): Promise<StoredRef[]> {
  const fields: Record<string, string> = {}
  const out: StoredRef[] = []
  for (const [i, r] of refs.entries()) {
    const row = await repo.attachmentMeta(r.id)
    if (!row || row.user_id !== userId || row.attached === FORWARDED) fields[`${field}.${i}`] = 'Unknown attachment'
    else out.push({ id: row.id, name: row.name, type: row.type, size: row.size })
  }
  if (Object.keys(fields).length > 0) throw rejected('unknown attachment', fields)
  // Attached files are kept; the sweeper only removes uploads nothing points at.
  for (const r of out) await repo.setAttached(r.id, 1, false)
  return out
}

async function readUpload(ctx: Ctx): Promise<void> {
  const type =
    String(ctx.req.headers['content-type'] ?? '')
      .split(';')[0]
      ?.trim()
      .toLowerCase() ?? ''
  const matches = MAGIC.get(type)
  if (!matches) throw new HttpError(415, 'file_type', `type not allowed; use ${allowedTypes.join(', ')}`)
  const limit = ctx.app.maxUploadBytes
  const tooLarge = (): HttpError => new HttpError(413, 'file_too_large', `file over ${limit} bytes`)
  const raw = await readBody(ctx.req, limit, tooLarge)
  if (raw.length === 0) throw rejected('empty file', { file: 'Required' })
  if (!matches(raw)) throw new HttpError(415, 'file_type', 'file content does not match its type')
  const name = safeName(maskText(sanitizeFileName(String(ctx.req.headers['x-file-name'] ?? ''))), type)
  const sha = createHash('sha256').update(raw).digest('hex')
  ctx.raw = raw
  ctx.body = { type, name, sha }
  ctx.fingerprint = `${type}\n${name}\n${sha}`
}

export function attachmentRoutes(): Route[] {
  return [
    {
      method: 'POST',
      path: '/v1/attachments',
      auth: 'user',
      idem: 'required',
      read: readUpload,
      handle: async ({ app, userId, raw, body, viewer }, repo) => {
        const { type, name, sha } = body as { type: string; name: string; sha: string }
        const id = newId('att')
        const data = raw as Buffer
        await checkQuota(app, repo, userId as string, data.length)
        await repo.insertAttachment({
          id,
          userId: userId as string,
          name,
          type,
          size: data.length,
          sha256: sha,
          data,
          now: nowIso(),
        })
        return { status: 201, body: app.refOut(viewer)({ id, name, type, size: data.length }) }
      },
    },
    {
      method: 'GET',
      path: '/v1/attachments/:id',
      auth: 'none',
      stream: async ({ app, req, url, params, res, ip }) => {
        const row = await app.store.tx((repo) => repo.attachment(params.id as string))
        if (!row || row.attached === FORWARDED) throw notFound('no such attachment')
        // 404 rather than 401 so ids of other users' files cannot be probed.
        if (!(await mayDownload(app, req, url, ip, row.id, row.user_id))) throw notFound('no such attachment')
        const name = safeName(row.name, row.type)
        const ascii = name.replace(/[^\x20-\x7e]|["\\]/g, '_')
        res.writeHead(200, {
          'Content-Type': row.type,
          'Content-Length': row.data.length,
          'Content-Disposition': `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`,
          'X-Content-Type-Options': 'nosniff',
          'Content-Security-Policy': "default-src 'none'; sandbox",
          'Cache-Control': 'private, max-age=3600',
        })
        res.end(row.data)
      },
    },
  ]
}

/**
 * Agents (key header or console cookie) may open any file, the owner with their bearer may open
 * theirs. Otherwise the link must be signed, unexpired, and made for a user (an agent link needs
 * agent credentials); a link shown with another user's bearer is refused.
 */
async function mayDownload(
  app: App,
  req: Ctx['req'],
  url: URL,
  ip: string,
  id: string,
  ownerId: string,
): Promise<boolean> {
  const agent = agentCredential(app.secret, app.agentKey, req)
  if (agent === 'header' || agent === 'cookie') return true
  // A wrong key is a failed sign-in here as on the agent routes: counted per address and against
  // the key, so downloads are no way around the limit on guessing it.
  if (agent === 'bad' && req.headers['x-agent-key'] !== undefined) {
    await app.guard.keyAttempt(ip, 'agent', false, new HttpError(401, 'unauthorized', 'invalid agent key or session'))
  }
  const token = bearerFrom(req)
  if (token !== undefined) return verifySession(app.secret, token) === ownerId
  const by = url.searchParams.get('by')
  const exp = url.searchParams.get('exp') ?? ''
  const sig = url.searchParams.get('sig') ?? ''
  if ((by !== 'u' && by !== 'a') || !/^\d{1,12}$/.test(exp)) return false
  if (!safeEqual(sig, attachmentSig(app.secret, id, by, Number(exp)))) return false
  if (Number(exp) * 1000 <= Date.now())
    throw new HttpError(403, 'link_expired', 'this attachment link has expired; reload to get a fresh one')
  return by === 'u'
}
