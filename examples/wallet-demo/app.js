// The wallet demo: a tiny wallet page that embeds help-feedback the way an app would.
// `?transport=memory` runs without a backend; the default talks to the reference server.
import { createHelpFeedback } from '/dist/help-feedback.js'
import { transactions, labels } from './transactions.js'

const params = new URLSearchParams(location.search)
const transportName = params.get('transport') ?? 'rest'
const traditional = /^zh-(TW|HK|MO|Hant)/i.test(navigator.language)
let locale = params.get('locale') ?? (navigator.language.startsWith('zh') ? (traditional ? 'zh-TW' : 'zh-CN') : 'en')
const userId = params.get('user') ?? 'demo-user'

async function userToken() {
  // Demo only: a real app gets this signed token (a short-lived JWT) from its own backend after
  // login. The display name rides inside the signature, so it is passed here too.
  const name = locale === 'zh-CN' ? '演示用户' : locale === 'zh-TW' ? '示範使用者' : 'Demo user'
  const res = await fetch(`/demo/token?userId=${encodeURIComponent(userId)}&name=${encodeURIComponent(name)}`)
  if (!res.ok) throw new Error(`token endpoint answered ${res.status}`)
  return (await res.json()).token
}

async function transport() {
  // Any backend by configuration (transports.js); memory and REST need no setup.
  const { pickTransport } = await import('./transports.js')
  return pickTransport(transportName, {
    origin: location.origin,
    params,
    hash: new URLSearchParams(location.hash.slice(1)),
    userToken,
  })
}

const help = createHelpFeedback({
  transport,
  locale,
  // The prebuilt index (npm run demo:index) works offline and needs no backend search route.
  articles: { url: '/search-index.json' },
  theme: params.get('theme') ?? 'auto',
  appVersion: 'demo-wallet 1.0.0',
  // The signed token comes from the transport's getUserToken (transports.js), so nothing here
  // waits on the network before the page is interactive.
  user: {
    id: userId,
    name: locale === 'zh-CN' ? '演示用户' : locale === 'zh-TW' ? '示範使用者' : 'Demo user',
    ...(params.get('email') ? { email: params.get('email') } : {}),
  },
  // The official channels: the contact panel lists them and the checker ("Is this really us?")
  // compares what contacted a user against them. knownScams: reported impersonators.
  channels: {
    // Hours in the operator's zone: the contact panel says whether each is open now.
    hotline: { number: '95188', hours: [0, 1, 2, 3, 4, 5, 6].map((day) => ({ day, open: '08:00', close: '22:00' })) },
    email: {
      address: 'service@example.com',
      hours: [1, 2, 3, 4, 5].map((day) => ({ day, open: '09:00', close: '18:00' })),
    },
    timeZone: 'Asia/Shanghai',
    website: { url: 'https://wallet.example.com' },
    social: [
      { name: locale === 'en' ? 'Weibo' : '微博', url: 'https://weibo.com/examplewallet', handle: '@examplewallet' },
    ],
    knownScams: ['+86 171 0000 1234', 'refund-example.top'],
  },
  getRecentTransactions: async () => transactions,
  onAction: (action, payload) => {
    if (action === 'freeze-account') alert(locale === 'zh-CN' ? '（演示）账户已冻结' : '(demo) Account frozen')
    console.info('help-feedback action', action, payload)
  },
  onEvent: (event) => console.debug('help-feedback', event.type, event),
}).mount()
window.help = help

function render() {
  const L = labels[locale] ?? labels.en
  document.documentElement.lang = locale
  document.getElementById('help').textContent = L.help
  document.getElementById('balance-title').textContent = L.balance
  document.getElementById('balance-note').textContent = L.note
  document.getElementById('tx-title').textContent = L.recent
  document.getElementById('transport-note').textContent = L.transport(transportName)
  const list = document.getElementById('transactions')
  list.replaceChildren(
    ...transactions.map((tx) => {
      const li = document.createElement('li')
      li.className = 'tx'
      li.dataset.tx = tx.id
      const when = new Date(tx.time).toLocaleString(locale, { dateStyle: 'medium', timeStyle: 'short' })
      li.innerHTML = `<span class="what"></span><span class="sum"></span><span class="meta"></span><button type="button" data-testid="report-tx"></button>`
      li.querySelector('.what').textContent = `${L.kind[tx.kind] ?? tx.kind} · ${tx.counterparty}`
      li.querySelector('.sum').textContent = `${tx.kind === 'refund' ? '+' : '-'}${tx.amount} ${tx.currency}`
      const meta = li.querySelector('.meta')
      meta.textContent = `${when} · `
      const status = document.createElement('span')
      status.className = `status-${tx.status}`
      status.textContent = L.status[tx.status] ?? tx.status
      meta.append(status)
      const button = li.querySelector('button')
      button.textContent = L.report
      button.setAttribute('aria-label', L.reportLabel(tx))
      button.addEventListener('click', () => help.open('report', { transaction: tx }))
      return li
    }),
  )
}

document.getElementById('help').addEventListener('click', () => help.open())
const lang = document.getElementById('lang')
lang.value = locale
lang.addEventListener('change', () => {
  locale = lang.value
  help.setLocale(locale)
  render()
})
render()
