/**
 * Intl formatting for one widget's language, shared by every widget in that language. What only one widget
 * formats (a petition's percentage, a document's size) is built by that widget through `intl`, so the
 * others do not carry it.
 */
export interface Formatters {
  readonly lang: string
  /** The Intl object for `key` in this language, made by `make` on its first use. */
  intl<T>(key: string, make: () => T): T
  number(value: number): string
  /** A calendar date (`2025-03-01`) without shifting it through a time zone. */
  date(isoDate: string): string
  country(code: string): string
  list(items: string[]): string
  /** The same list in parts, so each item can be marked up on its own. */
  listParts(items: string[]): { type: string; value: string }[]
  /** An amount of money: the currency's usual decimals, none when the amount is whole ("420 000 TND", "1 250,500 TND"). */
  money(amount: number, currency: string): string
  /** A count of a unit spelled out (`day`, `minute`…), so plurals (Arabic has six forms) come from Intl, not from us. */
  unit(name: string, value: number): string
}

const byLang = new Map<string, Formatters>()

/**
 * Building an Intl object costs the main thread (the first one of a page loads ICU's data), and a
 * widget's first render needs several. So each one is built on its first use only, once per language
 * and page, not per widget or per render.
 */
export function formattersFor(lang: string): Formatters {
  let formatters = byLang.get(lang)
  if (!formatters) byLang.set(lang, (formatters = createFormatters(lang)))
  return formatters
}

function createFormatters(lang: string): Formatters {
  const made = new Map<string, unknown>()
  const intl = <T>(key: string, make: () => T): T => {
    if (!made.has(key)) made.set(key, make())
    return made.get(key) as T
  }
  // The long style: "A, B and C", never the "&" of the short one, which is a typographer's sign, not a word.
  const list = () => intl('list', () => new Intl.ListFormat(lang, { type: 'conjunction', style: 'long' }))
  return {
    lang,
    intl,
    number: (value) => intl('number', () => new Intl.NumberFormat(lang)).format(value),
    date: (isoDate) =>
      intl('date', () => new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeZone: 'UTC' })).format(new Date(`${isoDate.slice(0, 10)}T00:00:00Z`)),
    country: (code) => displayName(intl('region', () => new Intl.DisplayNames([lang], { type: 'region', fallback: 'code' })), code.toUpperCase()),
    list: (items) => list().format(items),
    listParts: (items) => list().formatToParts(items),
    money: (amount, currency) => {
      // Budgets are whole amounts in practice: "TND 420,000.000" would read as a precision nobody meant.
      const whole = Number.isInteger(amount)
      try {
        return intl(`money ${currency} ${whole}`, () =>
          new Intl.NumberFormat(lang, { style: 'currency', currency, ...(whole ? { minimumFractionDigits: 0, maximumFractionDigits: 0 } : {}) }),
        ).format(amount)
      } catch {
        return `${intl('number', () => new Intl.NumberFormat(lang)).format(amount)} ${currency}`
      }
    },
    unit: (name, value) => intl(`unit ${name}`, () => new Intl.NumberFormat(lang, { style: 'unit', unit: name, unitDisplay: 'long' })).format(value),
  }
}

/** The name Intl gives a code, or the code itself when Intl has none (or refuses the code). */
export function displayName(names: Intl.DisplayNames, code: string): string {
  try {
    return names.of(code) ?? code
  } catch {
    return code
  }
}
