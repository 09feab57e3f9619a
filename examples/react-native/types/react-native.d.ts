// Minimal typed stand-in for the parts of `react-native` that HelpScreen.tsx and the WebView
// stand-in use; names and shapes follow react-native's own typings. The real package (its
// toolchain, ~80 MB with dependencies, and Node ≥ 22) is too heavy to install for a type check.
declare module 'react-native' {
  export interface NativeSyntheticEvent<T> {
    nativeEvent: T
    currentTarget: number
    target: number
    timeStamp: number
    preventDefault(): void
    stopPropagation(): void
  }
  export type StyleProp<T> = T | ReadonlyArray<StyleProp<T>> | null | undefined | false
  export interface ViewStyle {
    flex?: number
    backgroundColor?: string
  }
  export interface ViewProps {
    style?: StyleProp<ViewStyle>
    testID?: string
  }
  export const Linking: {
    openURL(url: string): Promise<void>
    canOpenURL(url: string): Promise<boolean>
  }
}

// react-native declares the URL global in its own typings (a polyfill at runtime).
declare class URL {
  constructor(url: string, base?: string)
  readonly href: string
  readonly origin: string
  readonly protocol: string
  readonly host: string
}
