/**
 * The portal pages' Content-Security-Policy: their own scripts, styles and API only, plus two openings
 * the widgets need, each as narrow as it can be:
 * - frame-src: the video players (WEGOV_VIDEO_EMBED_ORIGINS) a resource's "Play the video" loads;
 * - worker-src blob: the signing proof-of-work runs in a Web Worker the SDK makes from its own code
 *   as a Blob URL. A same-origin worker file would not do: partner pages load the widgets from the
 *   API's origin, and a Worker script must be same-origin with the page. Only a script the page already
 *   runs (script-src 'self') can make a blob: URL, so this admits no new code.
 */
export function portalContentSecurityPolicy(videoEmbedOrigins: readonly string[]): string {
  const frames = videoEmbedOrigins.length ? videoEmbedOrigins.join(' ') : "'none'"
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: https:",
    "connect-src 'self'",
    `frame-src ${frames}`,
    "worker-src blob:",
    "frame-ancestors 'self'",
    "base-uri 'self'",
    "form-action 'self'",
    "object-src 'none'",
  ].join('; ')
}
