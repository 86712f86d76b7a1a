import type { Kysely } from 'kysely'
import type { DB, Lang, TranslatedText } from '../../db/schema.js'

const MAX_BASE_LENGTH = 60
const LATIN_LETTER = /\p{Script=Latin}/u
/** Latin letters NFKD does not take apart into an ASCII letter and a mark. */
const FOLDS: Record<string, string> = { ß: 'ss', æ: 'ae', œ: 'oe', ø: 'o', đ: 'd', ð: 'd', ł: 'l', ı: 'i', þ: 'th', ŋ: 'n', ħ: 'h' }

/**
 * A slug from an organisation's name, for its public address: the name in the original language when it is
 * written in Latin script, else the French or English one, folded to ASCII ("Réseau Mourakiboun" →
 * `reseau-mourakiboun`). An organisation known only by an Arabic name gets `organisation-` and the start of
 * its id: a transliteration would be a guess.
 *
 * @example slugBase({ ar: 'شبكة', fr: 'Réseau Œil citoyen' }, 'ar', id) // 'reseau-oeil-citoyen'
 */
export function slugBase(name: TranslatedText, originalLang: Lang, id: string): string {
  for (const lang of [originalLang, 'fr', 'en'] as const) {
    const text = name[lang]
    if (!text || !LATIN_LETTER.test(text)) continue
    const slug = asciiSlug(text)
    if (slug.length >= 2) return slug
  }
  return `organisation-${id.slice(0, 8)}`
}

export function asciiSlug(text: string): string {
  const folded = [...text.toLowerCase()].map((char) => FOLDS[char] ?? char).join('')
  const ascii = folded.normalize('NFKD').replace(/\p{M}/gu, '')
  const slug = ascii.replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '')
  if (slug.length <= MAX_BASE_LENGTH) return slug
  // Cut at a word boundary when there is one not too far back.
  const cut = slug.slice(0, MAX_BASE_LENGTH)
  const lastDash = cut.lastIndexOf('-')
  return (lastDash > MAX_BASE_LENGTH / 2 ? cut.slice(0, lastDash) : cut).replace(/-+$/, '')
}

/**
 * `base` if no organisation (deleted ones included: their addresses answer 410) has it, else the first free
 * `base-2`, `base-3`…
 */
export async function uniqueSlug(db: Kysely<DB>, base: string): Promise<string> {
  const rows = await db
    .selectFrom('organisations')
    .select('slug')
    .where((eb) => eb.or([eb('slug', '=', base), eb('slug', 'like', `${base}-%`)]))
    .execute()
  const taken = new Set(rows.map((row) => row.slug))
  if (!taken.has(base)) return base
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`
}

export async function slugTaken(db: Kysely<DB>, slug: string): Promise<boolean> {
  return (await db.selectFrom('organisations').select('id').where('slug', '=', slug).executeTakeFirst()) !== undefined
}

/** Whether a database error is a unique-constraint violation (two writers chose the same slug at once). */
export function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === '23505'
}
