// The "native" half of the bridge, played by a web page around an iframe. A real app does the
// same in Swift (WKScriptMessageHandler), Kotlin (WebMessageListener) or React Native
// (onMessage / injectJavaScript); see docs/bridge.md. Messages are JSON strings of
// { v: 1, id, type, payload }, sent only to the WebView's pinned origin.
const frame = document.getElementById('webview')
const pageUrl = new URL(frame.dataset.src, location.href)
const pageOrigin = pageUrl.origin
const log = document.getElementById('log')
const received = []
let counter = 0

function note(kind, text) {
  const li = document.createElement('li')
  li.className = kind
  li.textContent = `${kind === 'in' ? '←' : kind === 'out' ? '→' : '✕'} ${text}`
  log.prepend(li)
}

function send(type, payload = {}) {
  const message = { v: 1, id: `native-${++counter}`, type, payload }
  frame.contentWindow.postMessage(JSON.stringify(message), pageOrigin)
  note('out', `${type} ${JSON.stringify(payload)}`)
  return message.id
}

/** A small PNG drawn on a canvas: what a native image picker would return. */
function pickedImage() {
  const canvas = document.createElement('canvas')
  canvas.width = 64
  canvas.height = 64
  const ctx = canvas.getContext('2d')
  ctx.fillStyle = '#0958d9'
  ctx.fillRect(0, 0, 64, 64)
  ctx.fillStyle = '#fff'
  ctx.fillRect(16, 16, 32, 32)
  return { name: 'receipt.png', type: 'image/png', data: canvas.toDataURL('image/png').split(',')[1] }
}

const handlers = {
  ready: () => send('identify', { id: 'demo-user', name: 'Demo user', token: 'memory' }),
  openUrl: ({ url }) => note('in', `would open ${url} with the system (dialer, mail app or browser)`),
  action: ({ name }) => note('in', `native action: ${name}`),
  pickImage: (_, id) => send('reply', { to: id, ok: true, result: pickedImage() }),
  close: () => note('in', 'panel closed'),
  unreadCount: ({ count }) => {
    const badge = document.getElementById('badge')
    badge.textContent = String(count)
    badge.hidden = count === 0
  },
  reply: () => {},
}

window.addEventListener('message', (event) => {
  // Pinned: only the WebView's own frame, from the origin we loaded into it.
  if (event.source !== frame.contentWindow || event.origin !== pageOrigin)
    return note('drop', `message from ${event.origin}`)
  let message
  try {
    message = JSON.parse(event.data)
  } catch {
    return note('drop', 'not JSON')
  }
  if (message?.v !== 1 || typeof message.type !== 'string' || !Object.hasOwn(handlers, message.type))
    return note('drop', String(message?.type))
  received.push(message)
  note('in', `${message.type} ${JSON.stringify(message.payload)}`)
  handlers[message.type](message.payload ?? {}, message.id)
})

const latest = {
  id: 'T2026112300018842',
  time: new Date(Date.now() - 3 * 3600_000).toISOString(),
  amount: '2000.00',
  currency: 'CNY',
  counterparty: '李四',
  status: 'pending',
  kind: 'transfer',
}
const actions = {
  'contact-urgent': () =>
    send('open', { view: 'contact', params: { problem: 'unauthorized', reference: 'HF-2026-000123' } }),
  'locale-zh-TW': () => send('locale', { locale: 'zh-TW' }),
  'locale-zh-CN': () => send('locale', { locale: 'zh-CN' }),
  'locale-en': () => send('locale', { locale: 'en' }),
  dark: () => send('theme', { mode: 'dark' }),
  prefill: () => send('prefillTransaction', { transaction: latest, open: true }),
  token: () => send('tokenRefresh', { token: 'memory' }),
}
document.querySelector('.controls').addEventListener('click', (e) => {
  const key = e.target.closest('[data-send]')?.dataset.send
  if (key) actions[key]()
})
document.getElementById('help').addEventListener('click', () => send('open', { view: 'home' }))

frame.src = pageUrl.href
window.shell = { send, received }
