import { type Kysely, sql } from 'kysely'
import type { DB } from '../../db/schema.js'

/**
 * The signers an organisation may contact, and only those: the confirmed, valid signers of its own petition who
 * ticked "news from the organiser", or the signers through its site (source partner) who ticked "news from the
 * partner". Withdrawn signatures are gone and anonymised ones have no address left, so after retention the
 * export is empty. Oldest first.
 */
export function consentingSigners(db: Kysely<DB>, petitionId: string, as: { role: 'organiser' } | { role: 'partner'; partnerSlug: string }) {
  let query = db
    .selectFrom('signatures')
    .select(['first_name', 'last_name', 'email', 'city', 'country', 'locale', 'confirmed_at'])
    .where('petition_id', '=', petitionId)
    .where('status', '=', 'confirmed')
    .where('validity', '=', 'valid')
    .where('anonymised_at', 'is', null)
    .where('email', 'is not', null)
  query =
    as.role === 'organiser'
      ? query.where('consent_news_organiser', '=', true)
      : query.where('consent_news_partner', '=', true).where('source_partner', '=', as.partnerSlug)
  return query.orderBy('confirmed_at', 'asc').orderBy(sql`id`, 'asc').execute()
}

const HEADER = ['first_name', 'last_name', 'email', 'city', 'country', 'language', 'confirmed_at']

/**
 * RFC 4180 CSV with a byte-order mark, so Excel opens Arabic names as UTF-8. A cell starting with = + - @
 * (or a tab or carriage return) is prefixed with ' so a spreadsheet never runs a signer's name as a formula.
 */
export function signersCsv(rows: Awaited<ReturnType<typeof consentingSigners>>): string {
  const cell = (value: string | null) => {
    let text = value ?? ''
    if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`
    return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text
  }
  const lines = rows.map((row) =>
    [row.first_name, row.last_name, row.email, row.city, row.country, row.locale, row.confirmed_at?.toISOString() ?? null].map(cell).join(','),
  )
  return `\uFEFF${[HEADER.join(','), ...lines].join('\r\n')}\r\n`
}
