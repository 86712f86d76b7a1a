import { WEGOV_COUNTRIES } from '../shared/countries.js'
import type { Formatters } from '../shared/format.js'

/**
 * ISO 3166-1 alpha-2 codes of every country a signer may live in, grouped by first letter ("TCDF…" is TC,
 * TD, TF…): Intl gives their names in any language (Intl.DisplayNames) but has no list of the codes. The
 * grouping keeps the list readable and a third of the size of the plain pairs once gzipped.
 */
const CODES =
  'ADEFGILMOQRSTUWXZ BABDEFGHIJLMNOQRSTVWYZ CACDFGHIKLMNORUVWXYZ DEJKMOZ ECEGHRST FIJKMOR GABDEFGHILMNPQRSTUWY ' +
  'HKMNRTU IDELMNOQRST JEMOP KEGHIMNPRWYZ LABCIKRSTUVY MACDEFGHKLMNOPQRSTUVWXYZ NACEFGILOPRUZ OM PAEFGHKLMNRSTWY ' +
  'QA REOSUW SABCDEGHIJKLMNORSTVXYZ TCDFGHJKLMNORTVWZ UAGMSYZ VACEGINU WFS XK YET ZAMW'

export type CountryOption = readonly [code: string, name: string]
export interface CountryOptions {
  wegov: CountryOption[]
  others: CountryOption[]
}

/** Every ISO country code, in code order. */
export function allCountryCodes(): string[] {
  return CODES.split(' ').flatMap((group) => [...group.slice(1)].map((second) => group[0] + second))
}

/** 250 names, sorted, are built once per language, not each time a form opens. */
const byFormatters = new WeakMap<Formatters, CountryOptions>()

/** The countries by their name in the formatters' language: WeGov's four, then every other one in that language's order. */
export function countryOptions(format: Formatters): CountryOptions {
  let options = byFormatters.get(format)
  if (!options) {
    const wegov: readonly string[] = WEGOV_COUNTRIES
    const named = (code: string): CountryOption => [code, format.country(code)]
    // One collator for the 2,000 comparisons: localeCompare(b, lang) would look one up on every call.
    const collator = format.intl('collator', () => new Intl.Collator(format.lang))
    options = {
      wegov: WEGOV_COUNTRIES.map(named),
      others: allCountryCodes()
        .filter((code) => !wegov.includes(code))
        .map(named)
        .sort((a, b) => collator.compare(a[1], b[1])),
    }
    byFormatters.set(format, options)
  }
  return options
}
