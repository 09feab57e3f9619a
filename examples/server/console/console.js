// Agent console of the reference server: vanilla JS, no build step. Every piece of user data is
// written with textContent, never innerHTML, because it comes from end users.

const $ = (id) => document.getElementById(id)
// The agent key is typed once and posted to /v1/agent/session, which answers with an HttpOnly
// cookie: the key is never in a URL (history, logs, Referer) nor readable by script afterwards.
const state = {
  signedIn: false,
  // Queue paging and filters; the server pages instead of sending everything.
  pages: { conversations: 0, tickets: 0 },
  next: { conversations: null, tickets: null },
  name: localStorage.getItem('hf-agent-name') || 'Support',
  open: null, // { kind: 'conversation' | 'ticket', id }
  source: null,
  typingTimer: 0,
  typingSent: false,
  userTypingTimer: 0,
  shownTicket: null,
  /** The item whose content the detail pane shows: `${kind} ${id}`, or '' when it shows none. */
  drawn: '',
}

function el(tag, props = {}, ...children) {
  const node = document.createElement(tag)
  for (const [k, v] of Object.entries(props)) {
    if (k === 'class') node.className = v
    else if (k === 'text') node.textContent = v
    else if (k.startsWith('data-') || k.startsWith('aria-')) node.setAttribute(k, v)
    else node[k] = v
  }
  for (const c of children) if (c) node.append(c)
  return node
}

function showError(message) {
  $('error').textContent = message || ''
}

async function call(path, init = {}) {
  const headers = init.body ? { 'Content-Type': 'application/json' } : {}
  const res = await fetch(`/v1/agent${path}`, { ...init, headers, credentials: 'same-origin' })
  if (res.status === 401 && path !== '/session') signedOut('Your session ended: sign in again.')
  const body = res.status === 204 ? undefined : await res.json().catch(() => ({}))
  if (!res.ok) throw new Error(body?.error?.message || `HTTP ${res.status}`)
  return { body, next: res.headers.get('X-Next-Offset') }
}

const api = async (path, init) => (await call(path, init)).body

const PAGE = 50

/** One page of a queue with the filters of its form, and the query that asked for it. */
async function page(kind) {
  const q = new URLSearchParams({ limit: String(PAGE), offset: String(state.pages[kind] * PAGE) })
  const form = new FormData($(`${kind}-filter`))
  for (const [k, v] of form) if (v) q.set(k, String(v))
  const { body, next } = await call(`/${kind}?${q}`)
  return { items: body, next, query: q.toString() }
}

const post = (path, body) => api(path, { method: 'POST', body: JSON.stringify(body ?? {}) })
const time = (iso) => new Date(iso).toLocaleString()

function badge(status) {
  return el('span', { class: `badge ${status}`, text: status, 'data-testid': 'status-badge' })
}

function listItem(testid, id, kind, title, sub, status) {
  const current = state.open?.kind === kind && state.open.id === id
  const button = el(
    'button',
    { type: 'button', 'aria-current': String(current), 'data-id': id, onclick: () => select(kind, id) },
    el('strong', { text: title }),
    badge(status),
    el('span', { class: 'sub', text: sub }),
  )
  return el('li', { 'data-testid': testid, 'data-id': id }, button)
}

/**
 * Loads overlap (a click, a filter change, a live event, the reload after an action) and their
 * replies can come back out of order: only the newest load of each kind draws, or a list would show
 * a filter no longer chosen, or an item as it was before an applied status or a new message.
 */
const loads = { lists: 0, conversation: 0, ticket: 0 }

/** Shows a queue page: which filters it answers, and whether there is a page before and after. */
function shownPage(kind, { next, query }) {
  state.next[kind] = next
  $(`${kind}-prev`).disabled = state.pages[kind] === 0
  $(`${kind}-next`).disabled = next === null
  $(kind).dataset.query = query
}

/**
 * Counts replies that came back for a load no longer wanted and were dropped unseen, on
 * `<body data-dropped>`: a test waits for the count instead of waiting a while for nothing to happen.
 */
function dropped() {
  document.body.dataset.dropped = String(Number(document.body.dataset.dropped || 0) + 1)
}

async function refreshLists() {
  const mine = ++loads.lists
  const [convPage, ticketPage] = await Promise.all([page('conversations'), page('tickets')])
  if (mine !== loads.lists) return dropped()
  shownPage('conversations', convPage)
  shownPage('tickets', ticketPage)
  const conversations = convPage.items
  const tickets = ticketPage.items
  $('conversations').replaceChildren(
    ...conversations.map((c) =>
      listItem(
        'conversation-item',
        c.id,
        'conversation',
        `${c.reference} · ${c.userName || c.userId}`,
        c.lastMessage ? c.lastMessage.text || `[${c.lastMessage.kind}]` : '',
        c.status,
      ),
    ),
  )
  $('tickets').replaceChildren(
    ...tickets.map((t) =>
      listItem(
        'ticket-item',
        t.id,
        'ticket',
        `${t.reference} · ${t.userName || t.userId}`,
        `${t.subject} (${t.priority})`,
        t.status,
      ),
    ),
  )
  $('conv-count').textContent = `(${conversations.length})`
  $('ticket-count').textContent = `(${tickets.length})`
}

function renderMessage(m) {
  const who = m.author === 'agent' ? m.authorName || 'Agent' : m.author === 'user' ? 'User' : 'System'
  let text = m.text
  if (m.kind === 'transaction' && m.transaction) {
    const t = m.transaction
    text = `Transaction ${t.id}: ${t.amount} ${t.currency}${t.counterparty ? ` → ${t.counterparty}` : ''} (${t.status || 'unknown'})`
  }
  const li = el(
    'li',
    { class: m.author, 'data-testid': 'message', 'data-seq': String(m.seq) },
    el('span', { class: 'who', text: `${who} · ${time(m.createdAt)}` }),
    text,
  )
  for (const a of m.attachments || [])
    li.append(el('br'), el('a', { href: a.url, text: `📎 ${a.name}`, rel: 'noopener' }))
  return li
}

/**
 * While another item loads, its section is busy and its forms are off: a status picked or a reply
 * typed before the item arrived would be overwritten by it, or go to an item the agent has not seen.
 */
function busy(kind, on) {
  const section = $(kind)
  section.setAttribute('aria-busy', String(on))
  for (const form of section.querySelectorAll('form')) for (const control of form.elements) control.disabled = on
}

/** True when the item a reply is for is still the one open (replies of earlier clicks are dropped). */
const stillOpen = (kind, id) => state.open?.kind === kind && state.open.id === id

/** The item at `path` if, once it arrives, it is still open and no newer load of it was started. */
async function load(kind, id, path) {
  const mine = ++loads[kind]
  const body = await api(path)
  if (stillOpen(kind, id) && mine === loads[kind]) {
    state.drawn = `${kind} ${id}`
    return body
  }
  dropped()
  return undefined
}

/**
 * An item that failed to load: the pane must not go on showing the item shown before under this
 * one's selection (its heading, status and messages). It stays busy, so no form acts on it.
 */
function failed(kind) {
  state.drawn = ''
  if (kind === 'ticket') {
    state.shownTicket = null
    $('ticket-heading').textContent = 'This ticket could not be loaded'
    for (const part of ['ticket-meta', 'ticket-description', 'ticket-fields', 'ticket-history', 'ticket-comments'])
      $(part).replaceChildren()
  } else {
    $('conv-heading').textContent = 'This conversation could not be loaded'
    $('conv-meta').replaceChildren()
    $('messages').replaceChildren()
  }
}

async function showConversation(id) {
  const loaded = await load('conversation', id, `/conversations/${encodeURIComponent(id)}`)
  if (!loaded) return
  const { conversation: c, messages } = loaded
  busy('conversation', false)
  $('conv-heading').textContent = `${c.reference} · ${c.userName || c.userId}`
  $('conv-meta').replaceChildren(
    badge(c.status),
    ` started ${time(c.createdAt)}${c.agent ? ` · agent ${c.agent.name}` : ''}${c.queuePosition ? ` · queue #${c.queuePosition}` : ''}`,
  )
  $('messages').replaceChildren(...messages.map(renderMessage))
  $('messages').scrollTop = $('messages').scrollHeight
  const ended = c.status === 'ended'
  $('reply-input').disabled = ended
  $('reply-form').querySelector('[type=submit]').disabled = ended
  $('conversation-end').disabled = ended
  const last = messages[messages.length - 1]
  if (last) post(`/conversations/${encodeURIComponent(id)}/read`, { upToSeq: last.seq }).catch(() => {})
}

async function showTicket(id) {
  const t = await load('ticket', id, `/tickets/${encodeURIComponent(id)}`)
  if (!t) return
  busy('ticket', false)
  $('ticket-heading').textContent = `${t.reference} · ${t.subject}`
  $('ticket-meta').replaceChildren(
    badge(t.status),
    ` ${t.category} · ${t.priority} · ${t.userName || t.userId} · ${time(t.createdAt)}${t.escalated ? ' · escalated' : ''}${t.rating ? ` · rated ${t.rating.score}/5` : ''}`,
  )
  $('ticket-description').textContent = t.description || '(no description)'
  const fields = Object.entries(t.fields || {})
  if (t.transaction)
    fields.unshift([
      'transaction',
      `${t.transaction.id} · ${t.transaction.amount} ${t.transaction.currency} · ${t.transaction.status || ''}`,
    ])
  $('ticket-fields').replaceChildren(
    ...fields.flatMap(([k, v]) => [el('dt', { text: k }), el('dd', { text: String(v) })]),
  )
  $('ticket-history').replaceChildren(
    ...t.history.map((h) =>
      el('li', {
        'data-testid': 'history-item',
        'data-status': h.status,
        text: `${h.status} · ${time(h.at)}${h.note ? ` — ${h.note}` : ''}`,
      }),
    ),
  )
  $('ticket-comments').replaceChildren(
    ...t.comments.map((c) => renderMessage({ ...c, text: c.body, kind: 'text', seq: 0 })),
  )
  // Refreshes triggered by live events must not undo a status the agent picked but has not applied.
  if (state.shownTicket?.id !== t.id || state.shownTicket.status !== t.status) $('status-select').value = t.status
  state.shownTicket = { id: t.id, status: t.status }
}

/**
 * Text typed and not sent, per item: the composers are one set of fields for whatever item is
 * open, and a comment left in one when the agent opened another went to that other user.
 */
const DRAFT_FIELDS = { conversation: ['reply-input'], ticket: ['comment-input', 'status-note'] }
const drafts = new Map()
const draftKey = (kind, id) => `${kind}:${id}`

function switchDrafts(kind, id) {
  const open = state.open
  if (open)
    drafts.set(draftKey(open.kind, open.id), Object.fromEntries(DRAFT_FIELDS[open.kind].map((f) => [f, $(f).value])))
  const next = drafts.get(draftKey(kind, id)) || {}
  for (const f of DRAFT_FIELDS[kind]) $(f).value = next[f] || ''
  drafts.delete(draftKey(kind, id))
}

/** Empties a composer field once what it held was sent, in the field or in the item's saved draft. */
function sent(kind, id, field) {
  if (stillOpen(kind, id)) $(field).value = ''
  else {
    const draft = drafts.get(draftKey(kind, id))
    if (draft) draft[field] = ''
  }
}

async function select(kind, id) {
  if (!stillOpen(kind, id)) {
    busy(kind, true)
    switchDrafts(kind, id)
  }
  state.open = { kind, id }
  $('empty').hidden = true
  $('conversation').hidden = kind !== 'conversation'
  $('ticket').hidden = kind !== 'ticket'
  $('user-typing').hidden = true
  try {
    await (kind === 'conversation' ? showConversation(id) : showTicket(id))
    if (!stillOpen(kind, id)) return
    for (const b of document.querySelectorAll('.items button'))
      b.setAttribute('aria-current', String(b.dataset.id === id))
    showError('')
  } catch (err) {
    if (!stillOpen(kind, id)) return
    // A failed reload of the item on show leaves it as it was; another item's content goes.
    if (state.drawn !== `${kind} ${id}`) failed(kind)
    showError(err.message)
  }
}

let refreshTimer = 0
function scheduleRefresh(detail) {
  clearTimeout(refreshTimer)
  refreshTimer = setTimeout(async () => {
    try {
      await refreshLists()
      if (detail && state.open)
        await (state.open.kind === 'conversation' ? showConversation(state.open.id) : showTicket(state.open.id))
    } catch (err) {
      showError(err.message)
    }
  }, 150)
}

function onEvent(e) {
  const open = state.open
  if (e.type === 'typing') {
    if (open?.kind === 'conversation' && open.id === e.conversationId && e.author === 'user') {
      $('user-typing').hidden = !e.on
      clearTimeout(state.userTypingTimer)
      if (e.on)
        state.userTypingTimer = setTimeout(() => {
          $('user-typing').hidden = true
        }, 6000)
    }
    return
  }
  if (e.type === 'read') return
  const about = e.message?.conversationId || e.conversation?.id || e.ticket?.id
  scheduleRefresh(e.type === 'resync' || (open !== null && about === open.id))
}

function connect() {
  state.source?.close()
  const status = $('connection')
  const source = new EventSource('/v1/agent/events')
  state.source = source
  source.onopen = () => {
    status.textContent = 'online'
    status.dataset.state = 'online'
    scheduleRefresh(true)
  }
  source.onerror = () => {
    status.textContent = source.readyState === EventSource.CLOSED ? 'offline (sign in again)' : 'reconnecting…'
    status.dataset.state = 'offline'
  }
  source.onmessage = (m) => {
    try {
      onEvent(JSON.parse(m.data))
    } catch {
      /* a malformed frame is not worth breaking the console */
    }
  }
}

function signedIn() {
  state.signedIn = true
  $('agent-key').value = ''
  $('agent-key').hidden = true
  $('sign-in').hidden = true
  $('sign-out').hidden = false
  showError('')
  connect()
}

function signedOut(message) {
  state.signedIn = false
  state.source?.close()
  state.source = null
  $('agent-key').hidden = false
  $('sign-in').hidden = false
  $('sign-out').hidden = true
  $('connection').textContent = 'offline'
  $('connection').dataset.state = 'offline'
  showError(message)
}

$('settings').addEventListener('submit', async (ev) => {
  ev.preventDefault()
  state.name = $('agent-name').value.trim() || 'Support'
  localStorage.setItem('hf-agent-name', state.name)
  if (state.signedIn) return
  try {
    await call('/session', { method: 'POST', body: JSON.stringify({ key: $('agent-key').value.trim() }) })
    signedIn()
  } catch (err) {
    signedOut(err.message)
  }
})

$('sign-out').addEventListener('click', async () => {
  await call('/session/end', { method: 'POST' }).catch(() => {})
  signedOut('Signed out.')
})

for (const kind of ['conversations', 'tickets']) {
  $(`${kind}-filter`).addEventListener('change', () => {
    state.pages[kind] = 0
    scheduleRefresh(false)
  })
  $(`${kind}-prev`).addEventListener('click', () => {
    state.pages[kind] = Math.max(0, state.pages[kind] - 1)
    scheduleRefresh(false)
  })
  $(`${kind}-next`).addEventListener('click', () => {
    if (state.next[kind] === null) return
    state.pages[kind] += 1
    scheduleRefresh(false)
  })
}

$('reply-form').addEventListener('submit', async (ev) => {
  ev.preventDefault()
  const input = $('reply-input')
  const text = input.value.trim()
  if (!text || state.open?.kind !== 'conversation') return
  const { id } = state.open
  try {
    await post(`/conversations/${encodeURIComponent(id)}/messages`, { text, agentName: state.name })
    sent('conversation', id, 'reply-input')
    state.typingSent = false
    await showConversation(id)
  } catch (err) {
    showError(err.message)
  }
})

$('reply-input').addEventListener('input', () => {
  if (state.open?.kind !== 'conversation') return
  const path = `/conversations/${encodeURIComponent(state.open.id)}/typing`
  if (!state.typingSent) {
    state.typingSent = true
    post(path, { on: true }).catch(() => {})
  }
  clearTimeout(state.typingTimer)
  state.typingTimer = setTimeout(() => {
    state.typingSent = false
    post(path, { on: false }).catch(() => {})
  }, 3000)
})

$('conversation-end').addEventListener('click', async () => {
  if (state.open?.kind !== 'conversation') return
  const { id } = state.open
  try {
    await post(`/conversations/${encodeURIComponent(id)}/end`)
    await showConversation(id)
  } catch (err) {
    showError(err.message)
  }
})

$('status-form').addEventListener('submit', async (ev) => {
  ev.preventDefault()
  if (state.open?.kind !== 'ticket') return
  const { id } = state.open
  const note = $('status-note').value.trim()
  try {
    await post(`/tickets/${encodeURIComponent(id)}/status`, {
      status: $('status-select').value,
      ...(note ? { note } : {}),
    })
    sent('ticket', id, 'status-note')
    await showTicket(id)
    scheduleRefresh(false)
  } catch (err) {
    showError(err.message)
  }
})

$('comment-form').addEventListener('submit', async (ev) => {
  ev.preventDefault()
  const input = $('comment-input')
  const body = input.value.trim()
  if (!body || state.open?.kind !== 'ticket') return
  const { id } = state.open
  try {
    await post(`/tickets/${encodeURIComponent(id)}/comments`, { body, agentName: state.name })
    sent('ticket', id, 'comment-input')
    await showTicket(id)
  } catch (err) {
    showError(err.message)
  }
})

$('agent-name').value = state.name
// A session cookie from earlier may still be valid; otherwise ask for the key.
call('/session').then(signedIn, () =>
  signedOut('Enter the agent key (AGENT_KEY; "demo-agent" in the demo) and sign in.'),
)
