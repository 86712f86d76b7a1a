import type { WidgetLang } from './lang.js'

/** Intl formatters for one widget's language; created once per language change, not per render. */
export interface Formatters {
  number(value: number): string
  percent(ratio: number): string
  /** A calendar date (`2025-03-01`) without shifting it through a time zone. */
  date(isoDate: string): string
  /** An instant, in the visitor's own time zone, with the zone's name. */
  dateTime(isoInstant: string): string
  country(code: string): string
  language(code: string): string
  fileSize(bytes: number): string
  list(items: string[]): string
  /** A duration with its unit spelled out, so plurals (Arabic has six forms) come from Intl, not from us. */
  seconds(value: number): string
  days(value: number): string
  minutes(value: number): string
}

export function createFormatters(lang: WidgetLang): Formatters {
  const number = new Intl.NumberFormat(lang)
  const percent = new Intl.NumberFormat(lang, { style: 'percent', maximumFractionDigits: 0 })
  const date = new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeZone: 'UTC' })
  // dateStyle cannot be combined with timeZoneName, and the zone must show: the visitor may be abroad.
  const dateTime = new Intl.DateTimeFormat(lang, {
    weekday: 'long', year: 'numeric', month: 'long', day: 'numeric', hour: 'numeric', minute: '2-digit', timeZoneName: 'short',
  })
  const countries = new Intl.DisplayNames([lang], { type: 'region', fallback: 'code' })
  const languages = new Intl.DisplayNames([lang], { type: 'language', fallback: 'code' })
  const list = new Intl.ListFormat(lang, { type: 'conjunction', style: 'short' })
  const long = (unit: string) => new Intl.NumberFormat(lang, { style: 'unit', unit, unitDisplay: 'long' })
  const units = ['byte', 'kilobyte', 'megabyte', 'gigabyte'] as const
  const sizes = units.map(
    (unit) => new Intl.NumberFormat(lang, { style: 'unit', unit, unitDisplay: 'short', maximumFractionDigits: 1 }),
  )
  return {
    number: (value) => number.format(value),
    percent: (ratio) => percent.format(ratio),
    date: (isoDate) => date.format(new Date(`${isoDate.slice(0, 10)}T00:00:00Z`)),
    dateTime: (iso) => dateTime.format(new Date(iso)),
    country: (code) => safe(() => countries.of(code.toUpperCase()), code),
    language: (code) => safe(() => languages.of(code), code),
    fileSize(bytes) {
      let index = 0
      let value = bytes
      while (value >= 1024 && index < units.length - 1) {
        value /= 1024
        index++
      }
      return sizes[index]!.format(value)
    },
    list: (items) => list.format(items),
    seconds: (value) => long('second').format(value),
    days: (value) => long('day').format(value),
    minutes: (value) => long('minute').format(value),
  }
}

function safe(read: () => string | undefined, fallback: string): string {
  try {
    return read() ?? fallback
  } catch {
    return fallback
  }
}

/** Whole days from now until an instant or a date; negative once past. */
export function daysUntil(iso: string, now = Date.now()): number {
  return Math.ceil((new Date(iso).getTime() - now) / 86_400_000)
}
