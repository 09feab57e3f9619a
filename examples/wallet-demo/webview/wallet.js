// The wallet demo as the page inside a native app's WebView. The app draws its own title bar
// and Help button, so the SDK's launcher is off; the app drives the SDK over the bridge and the
// SDK hands tel:/mailto:/https links and native actions back to the app.
import { createHelpFeedback } from '/dist/help-feedback.js'
import { connectBridge } from '/dist/bridge.js'
import { transactions, labels } from '../transactions.js'

const debugLog = (window.bridgeDebug = [])
let locale = navigator.language.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en'
let bridge

const help = createHelpFeedback({
  transport: { type: 'memory' },
  locale,
  launcher: false,
  appVersion: 'demo-wallet 1.0.0 (webview)',
  user: { id: 'demo-user', name: 'Demo user', token: 'memory' },
  getRecentTransactions: async () => transactions,
  onAction: (name, payload) => bridge?.action(name, payload),
  onEvent: (event) => {
    if (event.type === 'widget:open' || event.type === 'widget:navigate')
      document.documentElement.dataset.view = event.view
  },
  channels: {
    hotline: { number: '95188', hours: [0, 1, 2, 3, 4, 5, 6].map((day) => ({ day, open: '09:00', close: '21:00' })) },
    email: {
      address: 'support@wallet.example.com',
      hours: [1, 2, 3, 4, 5].map((day) => ({ day, open: '09:00', close: '18:00' })),
    },
    website: { url: 'https://help.wallet.example.com/' },
    social: [{ name: 'Weibo', url: 'https://weibo.com/demowallet', handle: '@demowallet' }],
    servicePoints: [
      {
        name: '上海陆家嘴服务中心',
        address: '上海市浦东新区世纪大道 100 号',
        mapUrl: 'https://maps.example.com/?q=lujiazui',
        hours: [{ day: 6, open: '10:00', close: '16:00' }],
      },
    ],
    timeZone: 'Asia/Shanghai',
    holidays: ['2026-10-01', '2026-10-02', '2026-10-03', '2027-01-01'],
  },
}).mount()

// The page's own origin (native WebViews) and the shell's origin (the web demo frames this page
// from the same server) are the only ones the bridge talks to.
bridge = connectBridge(help, { allowedOrigins: [location.origin], onDebug: (event) => debugLog.push(event) })
window.help = help
window.bridge = bridge

function render() {
  const L = labels[locale] ?? labels.en
  document.documentElement.lang = locale
  document.getElementById('balance-title').textContent = L.balance
  document.getElementById('balance-note').textContent = L.note
  document.getElementById('tx-title').textContent = L.recent
  document.getElementById('bridge-note').textContent = `bridge: ${bridge.channel}`
  document.getElementById('transactions').replaceChildren(
    ...transactions.map((tx) => {
      const li = document.createElement('li')
      li.className = 'tx'
      const what = document.createElement('span')
      what.className = 'what'
      what.textContent = `${L.kind[tx.kind] ?? tx.kind} · ${tx.counterparty}`
      const sum = document.createElement('span')
      sum.className = 'sum'
      sum.textContent = `${tx.kind === 'refund' ? '+' : '-'}${tx.amount} ${tx.currency}`
      const button = document.createElement('button')
      button.type = 'button'
      button.textContent = L.report
      button.setAttribute('aria-label', L.reportLabel(tx))
      button.addEventListener('click', () => help.open('report', { transaction: tx }))
      li.append(what, sum, button)
      return li
    }),
  )
}

render()
