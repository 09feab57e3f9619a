/**
 * A fetch-compatible function over XMLHttpRequest, used only for uploads that want progress:
 * browsers' fetch reports no upload progress (a streamed body needs HTTP/2), XHR does through
 * `upload.onprogress`. Everything else (timeouts, retries, auth, error mapping) stays with the
 * shared HTTP client, which calls this in place of fetch for that one request.
 */
export function xhrFetch(onProgress: (loaded: number, total: number) => void): typeof fetch {
  return async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init)
    const body = request.method === 'GET' || request.method === 'HEAD' ? null : await request.blob()
    return new Promise<Response>((resolve, reject) => {
      const xhr = new XMLHttpRequest()
      xhr.open(request.method, request.url)
      xhr.responseType = 'blob'
      request.headers.forEach((value, key) => xhr.setRequestHeader(key, value))
      xhr.upload.onprogress = (e) => onProgress(e.loaded, e.lengthComputable ? e.total : (body?.size ?? 0))
      const abort = () => xhr.abort()
      request.signal.addEventListener('abort', abort, { once: true })
      const done = () => request.signal.removeEventListener('abort', abort)
      xhr.onload = () => {
        done()
        const headers = new Headers()
        for (const line of xhr
          .getAllResponseHeaders()
          .trim()
          .split(/[\r\n]+/)) {
          const at = line.indexOf(':')
          if (at > 0) headers.append(line.slice(0, at).trim(), line.slice(at + 1).trim())
        }
        const nullBody = xhr.status === 204 || xhr.status === 205 || xhr.status === 304
        resolve(
          new Response(nullBody ? null : (xhr.response as Blob), {
            status: xhr.status,
            statusText: xhr.statusText,
            headers,
          }),
        )
      }
      // The same rejections fetch gives: TypeError for the network, AbortError for a signal.
      xhr.onerror = () => (done(), reject(new TypeError('Failed to fetch')))
      xhr.ontimeout = xhr.onerror
      xhr.onabort = () => (
        done(),
        reject(request.signal.reason ?? new DOMException('The operation was aborted.', 'AbortError'))
      )
      xhr.send(body)
    })
  }
}
