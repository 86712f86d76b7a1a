import { currentLang } from './localization.js'

const formats = new Map<string, Intl.DateTimeFormat>()

/** A moment in the reader's language and time zone: "4 déc. 2026, 17:05". */
export function dateTime(iso: string | null | undefined): string {
  if (!iso) return ''
  const lang = currentLang()
  let format = formats.get(lang)
  if (!format) formats.set(lang, (format = new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short' })))
  return format.format(new Date(iso))
}

/** A country's name in the reader's language, from its ISO code. */
export function countryName(code: string): string {
  try {
    return new Intl.DisplayNames([currentLang()], { type: 'region' }).of(code) ?? code
  } catch {
    return code
  }
}

/**
 * ISO 3166-1 alpha-2 codes grouped by first letter ("TCDF…" is TC, TD, TF…), the same list the widgets'
 * signing form offers: Intl names them in any language but has no list of the codes.
 */
const CODES =
  'ADEFGILMOQRSTUWXZ BABDEFGHIJLMNOQRSTVWYZ CACDFGHIKLMNORUVWXYZ DEJKMOZ ECEGHRST FIJKMOR GABDEFGHILMNPQRSTUWY ' +
  'HKMNRTU IDELMNOQRST JEMOP KEGHIMNPRWYZ LABCIKRSTUVY MACDEFGHKLMNOPQRSTUVWXYZ NACEFGILOPRUZ OM PAEFGHKLMNRSTWY ' +
  'QA REOSUW SABCDEGHIJKLMNORSTVXYZ TCDFGHJKLMNORTVWZ UAGMSYZ VACEGINU WFS XK YET ZAMW'

/** The four countries WeGov works in, listed first. */
export const WEGOV_COUNTRIES = ['TN', 'LY', 'PS', 'JO'] as const

/** Every country as [code, name], WeGov's four first, the rest in the reader's alphabetical order. */
export function countryOptions(): { wegov: [string, string][]; others: [string, string][] } {
  const lang = currentLang()
  const names = new Intl.DisplayNames([lang], { type: 'region' })
  const collator = new Intl.Collator(lang)
  const wegov: readonly string[] = WEGOV_COUNTRIES
  const others = CODES.split(' ')
    .flatMap((group) => [...group.slice(1)].map((second) => group[0] + second))
    .filter((code) => !wegov.includes(code))
    .map((code): [string, string] => [code, names.of(code) ?? code])
    .sort((a, b) => collator.compare(a[1], b[1]))
  return { wegov: WEGOV_COUNTRIES.map((code): [string, string] => [code, names.of(code) ?? code]), others }
}
