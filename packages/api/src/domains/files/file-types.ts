/**
 * The documents the library accepts, by the MIME type file-type reads from their bytes, with the extension a
 * downloaded copy gets. Anything else (HTML, SVG, scripts, archives) is refused: WeGov serves these files
 * from its own origin, and a document must never become a page.
 */
export const ALLOWED_FILE_TYPES: Readonly<Record<string, string>> = {
  'application/pdf': 'pdf',
  'application/vnd.oasis.opendocument.text': 'odt',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
  'application/vnd.oasis.opendocument.presentation': 'odp',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': 'pptx',
  'application/vnd.oasis.opendocument.spreadsheet': 'ods',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'xlsx',
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/webp': 'webp',
}

/** Shown in the browser (its PDF viewer, an image); everything else is downloaded. */
export function opensInline(type: string): boolean {
  return type === 'application/pdf' || type.startsWith('image/')
}

/** Whose text is extracted into the search of the resources that offer them. */
export function hasExtractableText(type: string): boolean {
  return type === 'application/pdf'
}

/**
 * A file name safe to store and send back: no folders, no control characters, at most 200 characters, and
 * the extension of what the bytes really are (a PNG sent as "guide.pdf" is kept as "guide.png").
 *
 * @example safeFileName('C:\\docs\\دليل الحوكمة.PDF', 'pdf') // 'دليل الحوكمة.pdf'
 */
export function safeFileName(name: string | undefined, extension: string): string {
  const base = (name ?? '')
    .normalize('NFC')
    .split(/[/\\]/)
    .pop()!
    // eslint-disable-next-line no-control-regex -- removing control characters is the point
    .replace(/[\u0000-\u001f\u007f-\u009f"]/g, '')
    .trim()
  const stem = base.replace(/\.[^.]{1,10}$/, '').slice(0, 190).trim()
  return `${stem || 'document'}.${extension}`
}
