import { type RawBuilder, sql } from 'kysely'
import type { Lang, TranslatedText } from '../db/schema.js'
import { hasSearchableText, normaliseText } from './normalise.js'

/** The text search configuration that stems each language (all built into PostgreSQL 12+ and PGlite). */
const CONFIG_OF: Record<Lang, string> = { ar: 'arabic', fr: 'french', en: 'english' }
const LANG_ORDER: readonly Lang[] = ['ar', 'fr', 'en']

/** The translated fields of a record, by weight: title A, summary B, body or description C. */
export interface SearchFields {
  title: TranslatedText
  summary?: TranslatedText | undefined
  /** Plain text (strip HTML first). */
  body?: TranslatedText | undefined
  /**
   * The text of an attached document (a PDF in the library), weight D. Its language is not declared: it is
   * stemmed as Arabic when it has Arabic letters and as French and English when it has Latin ones, and
   * indexed unstemmed too. Capped at MAX_FILE_TEXT_CHARS: a tsvector holds at most 1 MB.
   */
  fileText?: string | null | undefined
}

/** Enough for a long report's words; the search of a 300-page PDF does not need every repetition. */
export const MAX_FILE_TEXT_CHARS = 100_000

/**
 * The tsvector of a record: per language, the normalised text through that language's stemmer, plus a
 * `simple` (unstemmed) vector of every language's text, so that names and acronyms match from any
 * language. Every text is a bound parameter.
 *
 * @example
 * db.insertInto('projects').values({ ..., search: searchVector({ title, summary, body }) })
 * // setweight(to_tsvector('arabic', $1), 'A') || setweight(to_tsvector('simple', $2), 'A') || ...
 */
export function searchVector(fields: SearchFields): RawBuilder<unknown> {
  const weighted: [TranslatedText | undefined, 'A' | 'B' | 'C'][] = [
    [fields.title, 'A'],
    [fields.summary, 'B'],
    [fields.body, 'C'],
  ]
  const parts: RawBuilder<unknown>[] = []
  for (const [texts, weight] of weighted) {
    if (!texts) continue
    const everyLanguage: string[] = []
    for (const lang of LANG_ORDER) {
      const normalised = normaliseText(texts[lang] ?? '')
      if (normalised === '') continue
      everyLanguage.push(normalised)
      parts.push(vectorOf(CONFIG_OF[lang], normalised, weight))
    }
    if (everyLanguage.length > 0) parts.push(vectorOf('simple', everyLanguage.join(' '), weight))
  }
  const fileText = normaliseText((fields.fileText ?? '').slice(0, MAX_FILE_TEXT_CHARS))
  if (fileText !== '') {
    if (ARABIC_LETTER.test(fileText)) parts.push(vectorOf(CONFIG_OF.ar, fileText, 'D'))
    if (LATIN_LETTER.test(fileText)) parts.push(vectorOf(CONFIG_OF.fr, fileText, 'D'), vectorOf(CONFIG_OF.en, fileText, 'D'))
    parts.push(vectorOf('simple', fileText, 'D'))
  }
  return parts.length === 0 ? sql`''::tsvector` : sql`(${sql.join(parts, sql` || `)})`
}

const ARABIC_LETTER = /[\u0621-\u064a]/
const LATIN_LETTER = /[a-z]/

function vectorOf(config: string, text: string, weight: 'A' | 'B' | 'C' | 'D'): RawBuilder<unknown> {
  return sql`setweight(to_tsvector(${sql.lit(config)}::regconfig, ${text}), ${sql.lit(weight)})`
}

/**
 * The tsquery for what a reader typed: the OR of the query read as Arabic, French, English and as
 * plain words, so a search in one language finds a record whose text in another language matches.
 * websearch_to_tsquery never fails on odd input and gives readers "phrases", `or` and `-excluded`.
 *
 * It is a scalar subquery so that the planner cannot see its value. Seeing it, the planner estimates
 * each branch's matches from the column statistics and adds them up, although a word, its stems and its
 * plain form match the same records: a common word then looks like a third of the table, and the planner
 * reads every record's vector instead of using the GIN index (hundreds of milliseconds at 100,000
 * records). Not seeing it, the planner assumes a selective search and collects matches through the
 * index; search-page.ts decides when reading the newest rows is cheaper.
 *
 * Returns null when normalisation leaves nothing to search for (only stop-words or punctuation): the
 * caller then answers an empty page.
 */
export function searchQuery(q: string): RawBuilder<unknown> | null {
  const normalised = normaliseText(q)
  if (!hasSearchableText(normalised)) return null
  const queries = [...LANG_ORDER.map((lang) => CONFIG_OF[lang]), 'simple'].map(
    (config) => sql`websearch_to_tsquery(${sql.lit(config)}::regconfig, ${normalised})`,
  )
  return sql`(SELECT ${sql.join(queries, sql` || `)})`
}
