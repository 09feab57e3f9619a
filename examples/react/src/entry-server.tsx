import { StrictMode } from 'react'
import { renderToString } from 'react-dom/server'
// The same imports as the client: importing the SDK and the element must be safe without a DOM.
import 'help-feedback/element'
import { App } from './App.js'

/** Server render of the page; the client hydrates it (src/main.tsx). */
export function render(): string {
  return renderToString(
    <StrictMode>
      <App />
    </StrictMode>,
  )
}
