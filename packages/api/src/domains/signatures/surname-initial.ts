import { type RawBuilder, sql } from 'kysely'

/**
 * Particles a surname may start with that are not what people are known by: the Arabic article ال
 * ("الحداد" is listed under ح, not under ا) and its transliterations al-/el-, the French d', de, de la,
 * du, del, and ibn/bin/ابن ("son of"). "Ben" stays: in the Maghreb "Ben Ammar" is the family name
 * itself, written and sorted under B. Several particles in a row are all skipped ("Ibn al-Haytham" → H).
 * Matched case-insensitively, in PostgreSQL's regular-expression syntax.
 */
const PARTICLES = `^((al|el)[- ]|d['’]|de la |del |de |du |ibn |bin |ابن |ال ?)+`

/**
 * The initial the public list shows for a surname, computed in the database so the full surname never
 * leaves it. A surname that is nothing but a particle keeps its own first letter.
 *
 * ```sql
 * upper(left(coalesce(nullif(regexp_replace(last_name, $1, '', 'i'), ''), last_name), 1))
 * ```
 */
export function surnameInitial(): RawBuilder<string> {
  return sql<string>`upper(left(coalesce(nullif(regexp_replace(last_name, ${PARTICLES}, '', 'i'), ''), last_name), 1))`
}
