/**
 * `npm run demo`: the reference backend with demo data, the wallet demo and the agent console.
 * Environment: PORT (8787), HOST (127.0.0.1), DB_PATH (.data/demo.db), HF_SECRET, AGENT_KEY
 * (demo-agent), HOURS=always (ignore business hours), LOG=1 (request log), READ_ONLY=1 (serve the
 * database read-only; chosen by itself when the file cannot be written).
 * Freshdesk proxy mode (`/freshdesk/v1`): FRESHDESK_DOMAIN + FRESHDESK_API_KEY, optional
 * FRESHDESK_REQUESTER=email, FRESHDESK_CUSTOM_FIELDS='{"orderId":"cf_order_id"}', FRESHDESK_BASE_URL.
 */
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { seedDemo } from './seed.js'
import { startServer } from './server.js'

const root = fileURLToPath(new URL('../../', import.meta.url))
const env = process.env
const agentKey = env.AGENT_KEY ?? 'demo-agent'

const server = await startServer({
  port: Number(env.PORT ?? 8787),
  host: env.HOST ?? '127.0.0.1',
  dbPath: env.DB_PATH ?? join(root, '.data', 'demo.db'),
  ...(env.READ_ONLY === '1' ? { readOnly: true } : {}),
  // A fixed demo secret keeps sessions valid across restarts; real deployments must set their own.
  secret: env.HF_SECRET ?? 'demo-secret-change-me',
  agentKey,
  staticRoot: root,
  log: env.LOG === '1',
  ...(env.HOURS === 'always' ? { hours: null } : {}),
  ...(env.FRESHDESK_DOMAIN && env.FRESHDESK_API_KEY ? {
    freshdesk: {
      domain: env.FRESHDESK_DOMAIN, apiKey: env.FRESHDESK_API_KEY,
      ...(env.FRESHDESK_BASE_URL ? { baseUrl: env.FRESHDESK_BASE_URL } : {}),
      ...(env.FRESHDESK_REQUESTER === 'email' ? { requesterBy: 'email' as const } : {}),
      ...(env.FRESHDESK_CUSTOM_FIELDS ? { customFields: JSON.parse(env.FRESHDESK_CUSTOM_FIELDS) as Record<string, string> } : {}),
    },
  } : {}),
})

// A read-only database is served as it is: seeding would write.
const seeded = server.readOnly ? undefined : seedDemo(server.db, join(root, 'examples', 'articles'))
const base = server.url.replace('127.0.0.1', 'localhost')
console.log(`help-feedback reference server on ${base}
  wallet demo    ${base}/
  agent console  ${base}/console/?key=${encodeURIComponent(agentKey)}
  API            ${base}/v1  (protocol: docs/protocol.md)
  articles       ${seeded ? `${seeded.articles} from ${seeded.source}` : 'as stored (not seeded: read-only)'}
  database       ${env.DB_PATH ?? '.data/demo.db'}${server.readOnly ? ' — READ-ONLY: reads work, writes answer 503 read_only (Retry-After) until it is writable and the server restarts' : ''}${env.FRESHDESK_DOMAIN && env.FRESHDESK_API_KEY ? `
  freshdesk      ${base}/freshdesk/v1 → ${env.FRESHDESK_BASE_URL ?? `https://${env.FRESHDESK_DOMAIN}.freshdesk.com/api/v2`} (wallet demo: ?transport=freshdesk)` : ''}`)

const stop = (): void => {
  void server.close().then(() => process.exit(0))
}
process.on('SIGINT', stop)
process.on('SIGTERM', stop)
