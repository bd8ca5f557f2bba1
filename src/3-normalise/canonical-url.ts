// Canonical item URLs, so the same article reached through tracking links, AMP pages or fragments is one item.

const TRACKING_PARAMS = /^(utm_\w+|fbclid|gclid|dclid|gbraid|wbraid|msclkid|yclid|mc_cid|mc_eid|igshid|_ga|_gl|_hsenc|_hsmi|ref|ref_src|ref_url|cmpid|ocid|at_medium|at_campaign|at_custom\d|smid|sr_share|fromrss|feature|xtor|ito|icid|spm|guccounter|amp|__twitter_impression|s_cid)$/i

export function canonicalUrl(raw: string, base?: string): string | null {
  let url: URL
  try {
    url = new URL(raw.trim(), base)
  } catch {
    return null
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null
  // Each setter re-serialises the URL, so only what needs changing is set: this runs for every item of every poll.
  // An empty "#" or "?" leaves hash or search empty but still shows in the URL, so the href is what tells.
  if (url.href.includes('#')) url.hash = ''
  if (url.username || url.password) {
    url.username = ''
    url.password = ''
  }
  if (url.hostname.endsWith('.')) url.hostname = url.hostname.slice(0, -1)
  unwrapAmpCache(url)
  if (url.hostname.startsWith('amp.')) url.hostname = `www.${url.hostname.slice(4)}`
  if (/amp/i.test(url.pathname)) {
    url.pathname = url.pathname
      .replace(/\/amp\/?$/i, '/')
      .replace(/^\/amp\//i, '/')
      .replace(/\.amp(\.html?)?$/i, (_m, ext: string | undefined) => ext ?? '')
  }
  if (url.pathname.length > 1 && url.pathname.endsWith('/')) url.pathname = url.pathname.replace(/\/+$/, '')
  if (url.href.includes('?')) {
    const kept = [...url.searchParams].filter(
      ([key, value]) => !TRACKING_PARAMS.test(key) && !(key.toLowerCase() === 'outputtype' && value.toLowerCase() === 'amp'),
    )
    kept.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    url.search = kept.length ? new URLSearchParams(kept).toString() : ''
  }
  return url.toString()
}

/** https://www-example-com.cdn.ampproject.org/c/s/www.example.com/a → https://www.example.com/a */
function unwrapAmpCache(url: URL): void {
  if (!url.hostname.endsWith('.cdn.ampproject.org')) return
  const m = /^\/[a-z]\/(s\/)?([^/]+)(\/.*)?$/.exec(url.pathname)
  if (!m) return
  url.protocol = m[1] ? 'https:' : 'http:'
  url.hostname = m[2]!
  url.pathname = m[3] ?? '/'
}
