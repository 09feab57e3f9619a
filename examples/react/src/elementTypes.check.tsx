// Type test of help-feedback/jsx, compiled by `tsc -p examples/react` in npm test: right
// attributes must compile, wrong ones must fail (an unused @ts-expect-error is an error too).
import type {} from 'help-feedback/jsx'

export const right = [
  <help-feedback key="a" />,
  <help-feedback
    key="b"
    locale="zh-CN"
    theme="dark"
    position="bottom-left"
    z-index={10}
    nonce="abc"
    launcher="off"
    base-url="/support-api"
  />,
  <help-feedback
    key="c"
    locale="auto"
    options={{ transport: { type: 'memory' }, onEvent: (e) => console.log(e.type) }}
    className="help"
  />,
]

export const wrong = [
  // @ts-expect-error not a supported locale
  <help-feedback key="a" locale="fr" />,
  // @ts-expect-error not a theme
  <help-feedback key="b" theme="blue" />,
  // @ts-expect-error launcher takes "on" | "off"
  <help-feedback key="c" launcher={false} />,
  // @ts-expect-error misspelled attribute
  <help-feedback key="d" baseUrl="/support-api" />,
  // @ts-expect-error options are checked too
  <help-feedback key="e" options={{ position: 'top' }} />,
]
