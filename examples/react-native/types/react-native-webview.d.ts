// Minimal typed stand-in for react-native-webview 16 (lib/WebViewTypes.d.ts, index.d.ts): the
// WebView component with the props and methods HelpScreen.tsx uses, same names and types.
// The real package declares react-native as a peer dependency, which npm would install.
declare module 'react-native-webview' {
  import type { Component } from 'react'
  import type { NativeSyntheticEvent, ViewProps } from 'react-native'

  export interface WebViewNativeEvent {
    url: string
    loading: boolean
    title: string
    canGoBack: boolean
    canGoForward: boolean
    lockIdentifier: number
  }
  export interface WebViewMessage extends WebViewNativeEvent {
    data: string
  }
  export type WebViewMessageEvent = NativeSyntheticEvent<WebViewMessage>
  export interface WebViewNavigation extends WebViewNativeEvent {
    navigationType: 'click' | 'formsubmit' | 'backforward' | 'reload' | 'formresubmit' | 'other'
    mainDocumentURL?: string
  }
  export interface ShouldStartLoadRequest extends WebViewNavigation {
    isTopFrame: boolean
  }
  export interface WebViewSourceUri {
    uri: string
    method?: string
    headers?: Record<string, string>
    body?: string
  }
  export interface WebViewSourceHtml {
    html: string
    baseUrl?: string
  }
  export type WebViewSource = WebViewSourceUri | WebViewSourceHtml

  export interface WebViewProps extends ViewProps {
    source?: WebViewSource
    readonly originWhitelist?: string[]
    onMessage?: (event: WebViewMessageEvent) => void
    onShouldStartLoadWithRequest?: (event: ShouldStartLoadRequest) => boolean
    injectedJavaScriptBeforeContentLoaded?: string
    javaScriptEnabled?: boolean
    setSupportMultipleWindows?: boolean
  }

  export class WebView<P = {}> extends Component<WebViewProps & P> {
    goBack: () => void
    goForward: () => void
    reload: () => void
    stopLoading(): void
    injectJavaScript: (script: string) => void
    requestFocus: () => void
    postMessage: (message: string) => void
  }
  export default WebView
}
