import { StrictMode } from 'react'
import { createRoot, hydrateRoot } from 'react-dom/client'
// Registers <help-feedback> (a no-op on a server, so it may be imported anywhere).
import 'help-feedback/element'
import { App } from './App.js'

declare global {
  interface Window {
    hfRecoverable?: string[]
  }
}

const container = document.getElementById('root')!
const app = (
  <StrictMode>
    <App />
  </StrictMode>
)
// Server-rendered markup is hydrated; an empty root is rendered on the client.
if (container.firstElementChild) {
  hydrateRoot(container, app, { onRecoverableError: (error) => (window.hfRecoverable ??= []).push(String(error)) })
} else {
  createRoot(container).render(app)
}
