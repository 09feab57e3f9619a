/**
 * `npm run demo`: the reference backend with demo data, the wallet demo and the agent console.
 * Environment: PORT (8787), HOST (127.0.0.1), DB_PATH (.data/demo.db), SQLITE_SYNCHRONOUS (normal|full), DATABASE_URL (postgres://…:
 * Postgres instead of SQLite; several instances may share it), ATTACHMENTS_DIR (Postgres: upload
 * bytes in files there instead of in the database), HF_SECRET, AGENT_KEY,
 * PUBLIC_URL, CORS_ORIGINS, TRUST_PROXY, HOURS=always (ignore business hours), LOG=1 (request log), READ_ONLY=1 (serve the
 * database read-only; chosen by itself when the file cannot be written).
 * With NODE_ENV=production or a non-loopback HOST this is a deployment: it exits unless HF_SECRET,
 * AGENT_KEY and PUBLIC_URL are set (docs/deploying.md). On loopback it is the demo.
 * Freshdesk proxy mode (`/freshdesk/v1`): FRESHDESK_DOMAIN + FRESHDESK_API_KEY, optional
 * FRESHDESK_REQUESTER=email, FRESHDESK_CUSTOM_FIELDS='{"orderId":"cf_order_id"}', FRESHDESK_BASE_URL.
 */
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { ConfigError, DEMO_AGENT_KEY, DEMO_SECRET, modeOf, parseOrigins, parseTrustProxy } from './config.js'
import { seedStore } from './seed.js'
import { startServer, type RunningServer } from './server.js'

const root = fileURLToPath(new URL('../../', import.meta.url))
const env = process.env
const host = env.HOST ?? '127.0.0.1'
const port = Number(env.PORT ?? 8787)
const mode = modeOf(env, host)
const demo = mode === 'demo'

let server: RunningServer
try {
  server = await startServer({
    port,
    host,
    mode,
    dbPath: env.DB_PATH ?? join(root, '.data', 'demo.db'),
    ...(env.DATABASE_URL ? { databaseUrl: env.DATABASE_URL } : {}),
    ...(env.ATTACHMENTS_DIR ? { attachmentsDir: env.ATTACHMENTS_DIR } : {}),
    ...(env.READ_ONLY === '1' ? { readOnly: true } : {}),
    // The demo falls back to the published demo values (fixed, so sessions survive restarts);
    // a deployment gets no fallback and startServer names what is missing.
    ...(env.HF_SECRET || demo ? { secret: env.HF_SECRET || DEMO_SECRET } : {}),
    ...(env.AGENT_KEY || demo ? { agentKey: env.AGENT_KEY || DEMO_AGENT_KEY } : {}),
    ...(env.PUBLIC_URL || demo ? { publicUrl: env.PUBLIC_URL || `http://localhost:${port}` } : {}),
    corsOrigins: parseOrigins(env.CORS_ORIGINS),
    trustProxy: parseTrustProxy(env.TRUST_PROXY),
    demoTokens: demo,
    staticRoot: root,
    log: env.LOG === '1',
    ...(env.HOURS === 'always' ? { hours: null } : {}),
    ...(env.FRESHDESK_DOMAIN && env.FRESHDESK_API_KEY
      ? {
          freshdesk: {
            domain: env.FRESHDESK_DOMAIN,
            apiKey: env.FRESHDESK_API_KEY,
            ...(env.FRESHDESK_BASE_URL ? { baseUrl: env.FRESHDESK_BASE_URL } : {}),
            ...(env.FRESHDESK_REQUESTER === 'email' ? { requesterBy: 'email' as const } : {}),
            ...(env.FRESHDESK_CUSTOM_FIELDS
              ? { customFields: JSON.parse(env.FRESHDESK_CUSTOM_FIELDS) as Record<string, string> }
              : {}),
          },
        }
      : {}),
  })
} catch (err) {
  if (!(err instanceof ConfigError)) throw err
  console.error(
    `help-feedback server: refusing to start (${mode}): ${err.message}\nSee docs/deploying.md for the settings a deployment needs.`,
  )
  process.exit(1)
}

// A read-only database is served as it is: seeding would write.
const seeded = server.readOnly ? undefined : await seedStore(server.store, join(root, 'examples', 'articles'))
const base = server.app.publicUrl
// Never print a secret: the console asks for the key on its sign-in form.
console.log(`help-feedback reference server (${mode}) on ${base}
  wallet demo    ${base}/
  agent console  ${base}/console/  (sign in with AGENT_KEY${demo && !env.AGENT_KEY ? `; demo key: ${DEMO_AGENT_KEY}` : ''})
  API            ${base}/v1  (protocol: docs/protocol.md)
  articles       ${seeded ? `${seeded.articles} from ${seeded.source}` : 'as stored (not seeded: read-only)'}
  database       ${env.DATABASE_URL ? `postgres ${redactUrl(env.DATABASE_URL)}` : (env.DB_PATH ?? '.data/demo.db')}${server.readOnly ? ' — READ-ONLY: reads work, writes answer 503 read_only (Retry-After) until it is writable and the server restarts' : ''}${
    env.FRESHDESK_DOMAIN && env.FRESHDESK_API_KEY
      ? `
  freshdesk      ${base}/freshdesk/v1 → ${env.FRESHDESK_BASE_URL ?? `https://${env.FRESHDESK_DOMAIN}.freshdesk.com/api/v2`} (wallet demo: ?transport=freshdesk)`
      : ''
  }`)

/** The URL without its password, for the start banner. */
function redactUrl(raw: string): string {
  try {
    const u = new URL(raw)
    if (u.password) u.password = '***'
    return u.toString()
  } catch {
    return '(unparseable DATABASE_URL)'
  }
}

const stop = (): void => {
  void server.close().then(() => process.exit(0))
}
process.on('SIGINT', stop)
process.on('SIGTERM', stop)
