/**
 * Demo or deployment: what the reference server may assume about where it runs.
 * A demo (`npm run demo` on loopback) may use the published demo secrets and mint tokens for
 * anyone; a deployment (NODE_ENV=production or any non-loopback HOST) must not, so it refuses to
 * start until each secret is set, long enough and not one of the published ones.
 */

/** Published in this repository, so never acceptable outside a demo. */
export const DEMO_SECRET = 'demo-secret-change-me'
export const DEMO_AGENT_KEY = 'demo-agent'
/** 32 bytes: the HS256 key size RFC 7518 asks for, and enough that guessing is hopeless. */
export const MIN_SECRET_BYTES = 32

export type Mode = 'demo' | 'deployment'

/** Thrown when a deployment lacks a setting; `setting` is the environment variable to set. */
export class ConfigError extends Error {
  readonly setting: string
  constructor(setting: string, message: string) {
    super(`${setting}: ${message}`)
    this.name = 'ConfigError'
    this.setting = setting
  }
}

/** True for addresses only this machine can reach. */
export function isLoopback(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase()
  return h === 'localhost' || h === '::1' || /^127(\.\d{1,3}){3}$/.test(h)
}

/** Deployment when NODE_ENV=production or the server listens beyond loopback. */
export function modeOf(env: { NODE_ENV?: string | undefined }, host: string): Mode {
  return env.NODE_ENV === 'production' || !isLoopback(host) ? 'deployment' : 'demo'
}

/** What a deployment must be given; checked by `startServer` before it listens. */
export interface DeploymentSettings {
  secret?: string | undefined
  agentKey?: string | undefined
  publicUrl?: string | undefined
  demoTokens?: boolean | undefined
}

/**
 * Throws a `ConfigError` naming the first missing or unsafe setting.
 * @example checkDeployment({ secret: undefined, agentKey: 'k'.repeat(32), publicUrl: 'https://x', demoTokens: false }) // throws HF_SECRET: …
 */
export function checkDeployment(s: DeploymentSettings): void {
  checkSecret('HF_SECRET', s.secret, DEMO_SECRET)
  checkSecret('AGENT_KEY', s.agentKey, DEMO_AGENT_KEY)
  if (!s.publicUrl)
    throw new ConfigError(
      'PUBLIC_URL',
      'required in a deployment: the https origin clients reach this server on (attachment links are built from it)',
    )
  let url: URL
  try {
    url = new URL(s.publicUrl)
  } catch {
    throw new ConfigError('PUBLIC_URL', 'not a URL')
  }
  if (url.protocol !== 'https:' && !isLoopback(url.hostname))
    throw new ConfigError('PUBLIC_URL', 'must be https:// in a deployment')
  if (s.demoTokens)
    throw new ConfigError('demoTokens', '/demo/token mints a session for anyone and is never served in a deployment')
}

function checkSecret(setting: string, value: string | undefined, demoValue: string): void {
  if (value === undefined || value === '')
    throw new ConfigError(
      setting,
      `required in a deployment (at least ${MIN_SECRET_BYTES} random bytes, e.g. \`openssl rand -hex 32\`)`,
    )
  if (value === demoValue) throw new ConfigError(setting, 'is the published demo value; set your own')
  if (Buffer.byteLength(value, 'utf8') < MIN_SECRET_BYTES)
    throw new ConfigError(setting, `shorter than ${MIN_SECRET_BYTES} bytes`)
}

/** Origins from `CORS_ORIGINS` (comma-separated). `null` and `*` are never allowed. */
export function parseOrigins(raw: string | undefined): string[] {
  const out: string[] = []
  for (const item of (raw ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    if (item === 'null' || item === '*')
      throw new ConfigError('CORS_ORIGINS', `"${item}" is never allowed; list exact origins`)
    let origin: string
    try {
      origin = new URL(item).origin
    } catch {
      throw new ConfigError('CORS_ORIGINS', `"${item}" is not an origin like https://wallet.example`)
    }
    out.push(origin)
  }
  return out
}

/** `TRUST_PROXY`: how many reverse proxies sit in front (0 = none, the socket address is the client). */
export function parseTrustProxy(raw: string | undefined): number {
  if (raw === undefined || raw === '') return 0
  if (!/^\d{1,2}$/.test(raw))
    throw new ConfigError('TRUST_PROXY', 'the number of proxy hops in front of the server (e.g. 1)')
  return Number(raw)
}
