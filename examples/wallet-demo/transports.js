// Which backend the wallet demo talks to, chosen by the page URL (docs/adapters.md):
//   (none) or ?transport=rest   the reference server at this origin (default)
//   ?transport=memory           no backend at all, data in IndexedDB
//   ?transport=freshdesk        the reference server's Freshdesk proxy at /freshdesk (FRESHDESK_* env)
//   ?transport=zendesk&subdomain=acme[&email=ada@example.org]
//                               anonymous requests; an end-user OAuth token in the URL *fragment*
//                               (#zendesk_token=…, never sent to servers) unlocks "My requests"
//   ?transport=chatwoot&chatwootUrl=https://chat.example.com&inbox=<API inbox identifier>
//                               [&portal=<help center slug>][&hashUrl=/my/chatwoot-hash]
// Vendor secrets never appear here: the Freshdesk key stays in the proxy, the Chatwoot HMAC token
// and any Zendesk client secret stay on the host's backend.

/**
 * @param {string} name
 * @param {{ origin: string, params: URLSearchParams, hash?: URLSearchParams, userToken: () => Promise<string> }} env
 * @returns {Promise<import('../../src/transports/types.js').Transport>}
 */
export async function pickTransport(name, env) {
  const { params } = env
  const required = (key) => {
    const value = params.get(key)
    if (!value) throw new Error(`?transport=${name} needs ?${key}=… (see docs/adapters.md)`)
    return value
  }
  switch (name) {
    case 'memory': {
      const { memoryTransport } = await import('/dist/transports/memory.js')
      return memoryTransport()
    }
    case 'freshdesk': {
      const { freshdeskTransport } = await import('/dist/transports/freshdesk.js')
      return freshdeskTransport({ baseUrl: `${env.origin}/freshdesk`, getUserToken: env.userToken })
    }
    case 'zendesk': {
      const { zendeskTransport } = await import('/dist/transports/zendesk.js')
      const token = env.hash?.get('zendesk_token')
      return zendeskTransport({ subdomain: required('subdomain'), ...(token ? { getAccessToken: () => token } : {}) })
    }
    case 'chatwoot': {
      const { chatwootTransport } = await import('/dist/transports/chatwoot.js')
      const hashUrl = params.get('hashUrl')
      const portal = params.get('portal')
      return chatwootTransport({
        baseUrl: required('chatwootUrl'),
        inboxIdentifier: required('inbox'),
        ...(portal ? { portalSlug: portal } : {}),
        // Identity validation: the host backend computes HMAC-SHA256(inbox hmac token, user id).
        ...(hashUrl
          ? {
              identifierHash: async (user) => {
                const res = await fetch(`${hashUrl}?userId=${encodeURIComponent(user?.id ?? '')}`)
                if (!res.ok) throw new Error(`hash endpoint answered ${res.status}`)
                return (await res.text()).trim()
              },
            }
          : {}),
      })
    }
    default: {
      const { restTransport } = await import('/dist/transports/rest.js')
      return restTransport({ baseUrl: env.origin, getUserToken: env.userToken })
    }
  }
}
