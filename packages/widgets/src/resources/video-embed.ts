import { html, type TemplateResult } from 'lit'
import type { LocalizeController } from '../shared/localize-controller.js'

export { videoMessages } from './video-messages.js'

const YOUTUBE_ID = /^[\w-]{11}$/
const YOUTUBE_HOSTS = new Set(['youtube.com', 'www.youtube.com', 'm.youtube.com', 'youtu.be', 'youtube-nocookie.com', 'www.youtube-nocookie.com'])
const VIMEO_HOSTS = new Set(['vimeo.com', 'www.vimeo.com', 'player.vimeo.com'])

/**
 * The player URL to frame for a video resource. Publishers paste the address they see (a YouTube watch
 * or youtu.be link, a Vimeo page): those pages refuse to be framed, so they become the players' embed
 * URLs. YouTube's through its privacy-enhanced host, which sets no cookie until the video plays. Any
 * other URL is taken to be an embed URL already (a PeerTube or self-hosted player) and is kept as is:
 * the host page's CSP decides whether it may be framed (the portal's: WEGOV_VIDEO_EMBED_ORIGINS).
 */
export function videoEmbedUrl(address: string): string {
  let url: URL
  try {
    url = new URL(address)
  } catch {
    return address
  }
  const host = url.hostname.toLowerCase()
  if (YOUTUBE_HOSTS.has(host)) {
    const id = youtubeId(url, host)
    if (id) return `https://www.youtube-nocookie.com/embed/${id}${startAt(url)}`
  }
  if (VIMEO_HOSTS.has(host)) {
    const id = /^\/(?:video\/)?(\d+)(?:\/|$)/.exec(url.pathname)?.[1]
    if (id) return `https://player.vimeo.com/video/${id}`
  }
  return address
}

function youtubeId(url: URL, host: string): string | undefined {
  const segments = url.pathname.split('/').filter(Boolean)
  const candidate =
    host === 'youtu.be' ? segments[0] : url.pathname === '/watch' ? url.searchParams.get('v') : ['embed', 'shorts', 'live'].includes(segments[0] ?? '') ? segments[1] : undefined
  return candidate && YOUTUBE_ID.test(candidate) ? candidate : undefined
}

/** A watch link's start time (t=90 or t=1m30s) as the embed's start=90. */
function startAt(url: URL): string {
  const t = url.searchParams.get('t') ?? url.searchParams.get('start')
  const match = t ? /^(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s?)?$/.exec(t) : null
  if (!match) return ''
  const seconds = Number(match[1] ?? 0) * 3600 + Number(match[2] ?? 0) * 60 + Number(match[3] ?? 0)
  return seconds > 0 ? `?start=${seconds}` : ''
}

/**
 * Calls `blocked` if the page's Content-Security-Policy refuses to frame the player at `playerUrl` (a
 * frame-src without its origin): Chromium then shows a "content blocked" box, and the widget offers a link
 * to the video's own page instead. Only origins are compared, which is all a browser is sure to report.
 * Returns what stops the watch. Set up before the frame is rendered, so the violation cannot be missed.
 */
export function onFrameBlocked(playerUrl: string, blocked: () => void): () => void {
  const origin = originOf(playerUrl)
  const listener = (event: SecurityPolicyViolationEvent) => {
    if (/^(frame|child|default)-src$/.test(event.effectiveDirective) && originOf(event.blockedURI) === origin) blocked()
  }
  document.addEventListener('securitypolicyviolation', listener)
  return () => document.removeEventListener('securitypolicyviolation', listener)
}

function originOf(address: string): string | undefined {
  return URL.canParse(address) ? new URL(address).origin : undefined
}

/** In place of a player the page refused to frame: why, and a link to the video on its own site. */
export function renderBlockedPlayer(msg: LocalizeController['msg'], address: string, link: (href: string, label: string) => TemplateResult): TemplateResult {
  return html`<div class="video" part="video">
    <p role="status">${msg('This site does not let the player load here.', { id: 'video.blocked' })}</p>
    ${link(address, msg('Watch on the video’s site', { id: 'video.watch-elsewhere' }))}
  </div>`
}
