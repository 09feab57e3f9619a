/**
 * The SDK's version: reported by the self-check, e-mail drafts and the bridge handshake.
 * Matches package.json "version" (a unit test checks it).
 */
export const SDK_VERSION = '0.1.0'
