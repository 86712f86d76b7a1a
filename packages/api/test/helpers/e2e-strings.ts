import { readFile } from 'node:fs/promises'
import { REPO, type ShownText } from './e2e.js'

/**
 * What "untranslated" means on a page: a raw message id, or an English interface string (from the
 * portal's dictionary or the widgets' message catalogue) shown as if it were in the page's language.
 * Text marked with another lang (a content fallback) is not the page's language and is not checked.
 */
export const RAW_MESSAGE_ID = /^[a-z][a-zA-Z0-9]*(\.[a-z][a-zA-Z0-9-]*)+$/

/** English strings of the interface that have a different translation in `lang`. */
export async function englishOnlyStrings(lang: 'ar' | 'fr'): Promise<Set<string>> {
  const { MESSAGES } = (await import(`${REPO}examples/portal/assets/i18n.js`)) as { MESSAGES: Record<string, Record<string, string>> }
  const strings = new Set<string>()
  for (const [key, english] of Object.entries(MESSAGES.en!)) {
    if (MESSAGES[lang]![key] !== english && !english.includes('{')) strings.add(english)
  }
  const xliff = await readFile(`${REPO}packages/widgets/xliff/${lang}.xlf`, 'utf8').catch(() => '')
  for (const unit of xliff.matchAll(/<source>([^<]+)<\/source>\s*<target>([^<]*)<\/target>/g)) {
    if (unit[1] !== unit[2]) strings.add(decodeXml(unit[1]!.trim()))
  }
  return strings
}

function decodeXml(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&')
}

/** The texts on a page that are untranslated for its language. */
export function untranslated(texts: ShownText[], lang: string, english: Set<string>): ShownText[] {
  return texts.filter(
    (shown) => RAW_MESSAGE_ID.test(shown.text) || (lang !== 'en' && shown.lang.split('-')[0] === lang && english.has(shown.text)),
  )
}
