/**
 * The SDK version reported in e-mail drafts and the bridge handshake. Kept in one place so a
 * release bumps it once (it matches package.json "version").
 */
export const SDK_VERSION = '0.1.0'
