import { type Kysely, sql } from 'kysely'
import type { DB, TranslatedText } from '../../db/schema.js'
import { WeGovError } from '../../errors.js'
import { asciiSlug } from '../organisations/organisation-slug.js'

export type ItemType = 'project' | 'resource'
export const TABLE_OF = { project: 'projects', resource: 'resources' } as const

const LATIN_LETTER = /\p{Script=Latin}/u

/** Arabic letters in a plain Latin transliteration, for slugs only (readable, not scholarly). */
const ARABIC: Record<string, string> = {
  ا: 'a', أ: 'a', إ: 'i', آ: 'a', ٱ: 'a', ب: 'b', ت: 't', ث: 'th', ج: 'j', ح: 'h', خ: 'kh', د: 'd', ذ: 'dh',
  ر: 'r', ز: 'z', س: 's', ش: 'sh', ص: 's', ض: 'd', ط: 't', ظ: 'z', ع: 'a', غ: 'gh', ف: 'f', ق: 'q', ك: 'k',
  ل: 'l', م: 'm', ن: 'n', ه: 'h', و: 'w', ي: 'y', ى: 'a', ة: 'a', ء: '', ؤ: 'u', ئ: 'i', پ: 'p', ڤ: 'v', گ: 'g',
  '٠': '0', '١': '1', '٢': '2', '٣': '3', '٤': '4', '٥': '5', '٦': '6', '٧': '7', '٨': '8', '٩': '9',
}

export function transliterateArabic(text: string): string {
  // Harakat, tatweel and other marks carry no letter of their own.
  const bare = text.normalize('NFKC').replace(/[\u064B-\u065F\u0670\u0640]/g, '')
  return [...bare].map((char) => ARABIC[char] ?? char).join('')
}

/**
 * The slug a title gives: the French title when it is in Latin script, else the English one, else the
 * Arabic one transliterated; `project-1a2b3c4d` when none gives two characters.
 *
 * @example slugFromTitle({ ar: 'الشفافية', fr: 'Budget ouvert' }, 'project', id) // 'budget-ouvert'
 */
export function slugFromTitle(title: TranslatedText, type: ItemType | 'petition', id: string): string {
  for (const lang of ['fr', 'en'] as const) {
    const text = title[lang]
    if (!text || !LATIN_LETTER.test(text)) continue
    const slug = asciiSlug(text)
    if (slug.length >= 2) return slug
  }
  const fromArabic = title.ar ? asciiSlug(transliterateArabic(title.ar)) : ''
  return fromArabic.length >= 2 ? fromArabic : `${type}-${id.slice(0, 8)}`
}

/**
 * Whether another item of this type has the slug, or had it (an old slug keeps redirecting to its item).
 * Deleted items keep theirs: their address answers 410.
 */
async function slugsInUse(db: Kysely<DB>, type: ItemType, base: string, exceptId: string | undefined): Promise<Set<string>> {
  const matches = (column: 'slug' | 'old_slug') => sql<boolean>`(${sql.ref(column)} = ${base} OR ${sql.ref(column)} LIKE ${`${base}-%`})`
  let items = db.selectFrom(TABLE_OF[type]).select('slug').where(matches('slug'))
  if (exceptId) items = items.where('id', '<>', exceptId)
  let redirects = db.selectFrom('slug_redirects').select('old_slug as slug').where('type', '=', type).where(matches('old_slug'))
  if (exceptId) redirects = redirects.where('item_id', '<>', exceptId)
  const rows = await items.unionAll(redirects).execute()
  return new Set(rows.map((row) => row.slug))
}

/** `base`, or the first free `base-2`, `base-3`… */
export async function uniqueItemSlug(db: Kysely<DB>, type: ItemType, base: string, exceptId?: string): Promise<string> {
  const taken = await slugsInUse(db, type, base, exceptId)
  if (!taken.has(base)) return base
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`
}

/** A slug asked for explicitly must be free: 409 WEGOV_ITEM_SLUG_TAKEN. */
export async function claimSlug(db: Kysely<DB>, type: ItemType, slug: string, exceptId?: string): Promise<string> {
  const taken = await slugsInUse(db, type, slug, exceptId)
  if (taken.has(slug)) throw new WeGovError('WEGOV_ITEM_SLUG_TAKEN', { errors: [{ field: 'slug', message: 'already used', code: 'WEGOV_ITEM_SLUG_TAKEN' }] })
  return slug
}

/**
 * A published item's slug changed: its old address answers 301 to the new one. The item's own old slug,
 * taken back, is no longer a redirect.
 */
export async function keepOldSlug(db: Kysely<DB>, type: ItemType, id: string, oldSlug: string, newSlug: string): Promise<void> {
  await db.deleteFrom('slug_redirects').where('type', '=', type).where('old_slug', '=', newSlug).execute()
  await db
    .insertInto('slug_redirects')
    .values({ type, old_slug: oldSlug, item_id: id })
    .onConflict((oc) => oc.columns(['type', 'old_slug']).doUpdateSet({ item_id: id }))
    .execute()
}

/** The current slug of the item an old slug now points to, if any (a live or deleted item). */
export async function redirectedSlug(db: Kysely<DB>, type: ItemType, oldSlug: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('slug_redirects as r')
    // Both tables have the id, slug and state columns read here: typed as one of them.
    .innerJoin(`${TABLE_OF[type] as 'projects'} as i`, 'i.id', 'r.item_id')
    .select('i.slug')
    .where('r.type', '=', type)
    .where('r.old_slug', '=', oldSlug)
    .where('i.state', '=', 'published')
    .executeTakeFirst()
  return row?.slug
}
