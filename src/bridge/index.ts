/**
 * The hybrid-app bridge (docs/bridge.md): React Native WebView, iOS WKWebView, Android
 * WebMessageListener / JavascriptInterface, or a parent frame, with pinned origins.
 */
export { createBridge } from './bridge.js'
export { isExternalUrl, isOrigin } from './externalUrl.js'
export { clientTarget } from './target.js'
export { detectChannel, type BridgeWindow } from './channels.js'
export {
  parseHostMessage,
  hostMessages,
  PROTOCOL_VERSION,
  type HostMessage,
  type HostMessageType,
  type SdkMessageType,
  type SdkPayloads,
} from './protocol.js'
export type {
  Bridge,
  BridgeDebugEvent,
  BridgeOptions,
  BridgeTarget,
  ChannelName,
  DropReason,
  PickedImage,
} from './types.js'
