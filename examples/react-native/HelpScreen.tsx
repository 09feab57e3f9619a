/**
 * The React Native side of the bridge (docs/bridge.md): a screen hosting the wallet's help page
 * in react-native-webview. Type-checked in npm test (`tsc -p examples/react-native`); the block
 * between the markers is the snippet shown in docs/bridge.md, and a test keeps them identical.
 */
import { useRef } from 'react'
import { Linking } from 'react-native'
import { WebView, type WebViewMessageEvent } from 'react-native-webview'

const ORIGIN = 'https://wallet.example.com'

/** What the SDK sends (docs/bridge.md, "SDK → app"); anything else is ignored. */
type SdkMessage =
  | { v: 1; type: 'ready'; payload: { protocol: 1; sdk: string; accepts: string[] } }
  | { v: 1; type: 'openUrl'; payload: { url: string } }
  | { v: 1; type: 'action'; payload: { name: string; payload?: unknown } }
  | { v: 1; type: 'close' | 'unreadCount' | 'pickImage'; payload: Record<string, unknown> }

export interface HelpScreenProps {
  userId: string
  /** The signed identity token minted by the wallet backend (docs/protocol.md). */
  token: string
  freezeAccount(): void
}

export function HelpScreen({ userId, token, freezeAccount }: HelpScreenProps) {
  // docs:start
  const ref = useRef<WebView>(null)
  const seq = useRef(0) // message ids must be unique per sender, across renders
  const send = (type: string, payload: object) =>
    ref.current?.injectJavaScript(
      `window.HelpFeedbackBridge&&window.HelpFeedbackBridge.receive(${JSON.stringify({ v: 1, id: `rn-${++seq.current}`, type, payload })});true;`,
    )

  const onMessage = (e: WebViewMessageEvent) => {
    // Only the wallet's own page may talk to native code.
    if (new URL(e.nativeEvent.url).origin !== ORIGIN) return
    let msg: SdkMessage
    try {
      msg = JSON.parse(e.nativeEvent.data) as SdkMessage
    } catch {
      return
    }
    if (msg.v !== 1) return
    if (msg.type === 'ready') send('identify', { id: userId, token })
    // Open only what the SDK may ask for: tel:, mailto: and https links.
    if (msg.type === 'openUrl' && /^(tel:|mailto:|https:)/.test(msg.payload.url)) void Linking.openURL(msg.payload.url)
    if (msg.type === 'action' && msg.payload.name === 'freeze-account') freezeAccount()
  }

  return <WebView ref={ref} source={{ uri: `${ORIGIN}/help` }} originWhitelist={[ORIGIN]} onMessage={onMessage} />
  // docs:end
}
