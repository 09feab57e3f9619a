/**
 * `help-feedback/jsx`: types `<help-feedback>` in React 19 JSX. Load them once in the app:
 *
 * @example
 * import type {} from 'help-feedback/jsx'
 * <help-feedback locale="zh-CN" theme="auto" launcher="off" ref={el} />
 */
import type { DetailedHTMLProps, HTMLAttributes } from 'react'
import type { HelpFeedbackElement } from '../element.js'
import type { HelpFeedbackElementAttributes } from './attributes.js'

export type { HelpFeedbackElementAttributes }

/** The props `<help-feedback>` takes in React: the element's own, plus React's HTML ones. */
export type HelpFeedbackJsxProps = Omit<
  DetailedHTMLProps<HTMLAttributes<HelpFeedbackElement>, HelpFeedbackElement>,
  keyof HelpFeedbackElementAttributes
> &
  HelpFeedbackElementAttributes

declare module 'react' {
  // React 19 reads intrinsic elements from React.JSX, not from a global JSX namespace.
  namespace JSX {
    interface IntrinsicElements {
      'help-feedback': HelpFeedbackJsxProps
    }
  }
}
