/** The SDK's version, reported by the self-check and sent with diagnostics. */
export const SDK_VERSION = '0.1.0'
