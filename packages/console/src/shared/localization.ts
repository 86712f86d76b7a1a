import { configureLocalization } from '@lit/localize'
import { sourceLocale, targetLocales } from '../generated/locale-codes.js'
import { type Lang, directionOf, rememberLang } from './lang.js'
import { replaceAddress } from './router.js'

/**
 * @lit/localize in runtime mode: one language per page at a time, every console element re-rendering when it
 * changes (ConsoleElement calls updateWhenLocaleChanges). Each language's messages are a chunk of their own.
 */
const loaders = {
  ar: () => import('../generated/locales/ar.js'),
  fr: () => import('../generated/locales/fr.js'),
}

const { getLocale, setLocale } = configureLocalization({
  sourceLocale,
  targetLocales,
  loadLocale: (locale) => loaders[locale as keyof typeof loaders](),
})

export function currentLang(): Lang {
  return getLocale() as Lang
}

/**
 * Switches the whole page: messages, `lang` and `dir` on <html> (so the browser lays Arabic out right to
 * left and screen readers pick the right voice), the `?lang=` of the address, and the remembered choice.
 */
export async function useLang(lang: Lang): Promise<void> {
  await setLocale(lang)
  document.documentElement.lang = lang
  document.documentElement.dir = directionOf(lang)
  rememberLang(lang)
  const url = new URL(location.href)
  if (url.searchParams.get('lang') !== lang) {
    url.searchParams.set('lang', lang)
    replaceAddress(url)
  }
}

/**
 * The colon between a label and its value: French typography puts a no-break space before it ("Rôle : Éditeur"),
 * Arabic and English none. Translations carry their own; this is for labels joined to a value in code.
 */
export function colon(): string {
  return currentLang() === 'fr' ? '\u00a0:' : ':'
}
