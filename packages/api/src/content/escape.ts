/** Escaping text for the markup WeGov writes itself: portal pages, emails and confirmation pages (HTML), feeds and the sitemap (XML). */

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }
const XML_ESCAPES: Record<string, string> = { ...HTML_ESCAPES, "'": '&apos;' }

/** Text or an attribute value, made inert. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => HTML_ESCAPES[char]!)
}

/** Escapes text for XML content and attributes, and drops characters XML 1.0 forbids outright. */
export function escapeXml(text: string): string {
  return text
    // eslint-disable-next-line no-control-regex -- removing the control characters XML 1.0 forbids is the point
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')
    .replace(/[&<>"']/g, (char) => XML_ESCAPES[char]!)
}
