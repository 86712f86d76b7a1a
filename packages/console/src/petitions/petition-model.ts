import type { LaunchedPetition, PetitionDraftPatch } from '../shared/api-types.js'
import { LANGS, type Lang } from '../shared/lang.js'

/**
 * The petition form's model and the bodies it sends: a new draft's POST body, and for a saved draft a JSON
 * merge patch of only what changed (one language at a time), like the content editor's.
 */
export const TEXT_FIELDS = ['title', 'summary', 'text', 'authority'] as const
export type TextField = (typeof TEXT_FIELDS)[number]

export interface PetitionModel {
  originalLang: Lang
  texts: Record<TextField, Record<Lang, string>>
  country: string
  themes: string[]
  /** As typed: the form checks it is a whole number before sending. */
  goal: string
  /** A date (yyyy-mm-dd): the petition closes at the end of that day, UTC. */
  closesOn: string
  organisationId: string
}

const emptyTexts = (): Record<Lang, string> => ({ ar: '', fr: '', en: '' })

/** A new petition: closing eight weeks ahead (between the API's one week and six months). */
export function newModel(lang: Lang, now = new Date()): PetitionModel {
  const closes = new Date(now.getTime() + 56 * 86_400_000)
  return {
    originalLang: lang,
    texts: { title: emptyTexts(), summary: emptyTexts(), text: emptyTexts(), authority: emptyTexts() },
    country: 'TN',
    themes: [],
    goal: '1000',
    closesOn: closes.toISOString().slice(0, 10),
    organisationId: '',
  }
}

export function modelOf(petition: LaunchedPetition): PetitionModel {
  const texts = {} as PetitionModel['texts']
  for (const field of TEXT_FIELDS) {
    texts[field] = emptyTexts()
    for (const lang of LANGS) texts[field][lang] = petition.texts[field][lang] ?? ''
  }
  return {
    originalLang: petition.originalLang as Lang,
    texts,
    country: petition.country,
    themes: [...petition.themes],
    goal: String(petition.goal),
    closesOn: petition.closesAt.slice(0, 10),
    organisationId: petition.organisationId ?? '',
  }
}

const closesAt = (day: string) => (day ? `${day}T23:59:59.000Z` : day)
const goalOf = (goal: string) => (/^\d+$/.test(goal.trim()) ? Number(goal.trim()) : NaN)

/** The body of POST /v1/petition-launches: the languages written, and the organisation when one is chosen. */
export function draftBody(model: PetitionModel): PetitionDraftPatch & { organisationId?: string } {
  const body: Record<string, unknown> = { originalLang: model.originalLang }
  for (const field of TEXT_FIELDS) {
    const written = Object.fromEntries(LANGS.filter((lang) => model.texts[field][lang].trim()).map((lang) => [lang, model.texts[field][lang].trim()]))
    if (Object.keys(written).length) body[field] = written
  }
  Object.assign(body, { country: model.country, themes: model.themes, goal: goalOf(model.goal), closesAt: closesAt(model.closesOn) })
  if (model.organisationId) body.organisationId = model.organisationId
  return body as PetitionDraftPatch
}

/** A merge patch from the saved version to the form's: a language emptied is null (removed). Empty when nothing changed. */
export function patchOf(saved: PetitionModel, model: PetitionModel): PetitionDraftPatch {
  const patch: Record<string, unknown> = {}
  if (saved.originalLang !== model.originalLang) patch.originalLang = model.originalLang
  for (const field of TEXT_FIELDS) {
    const changes: Record<string, string | null> = {}
    for (const lang of LANGS) {
      const value = model.texts[field][lang].trim()
      if (value !== saved.texts[field][lang].trim()) changes[lang] = value || null
    }
    if (Object.keys(changes).length) patch[field] = changes
  }
  if (saved.country !== model.country) patch.country = model.country
  if (saved.themes.join() !== model.themes.join()) patch.themes = model.themes
  if (saved.goal !== model.goal) patch.goal = goalOf(model.goal)
  if (saved.closesOn !== model.closesOn) patch.closesAt = closesAt(model.closesOn)
  return patch as PetitionDraftPatch
}

/** What the form can tell before sending, keyed by field id: the original title, a theme, a whole-number goal, a date. */
export function missingFields(model: PetitionModel): string[] {
  const missing: string[] = []
  if (!model.texts.title[model.originalLang].trim()) missing.push(`title-${model.originalLang}`)
  if (model.themes.length === 0) missing.push('themes')
  if (!(goalOf(model.goal) >= 1)) missing.push('goal')
  if (!model.closesOn) missing.push('closesAt')
  return missing
}

/**
 * The search for open petitions like this one: any of the title's longer words (the public search,
 * websearch_to_tsquery, matches all words unless told `or`; short words such as "في", "de" or "the" would
 * match nearly everything). Titles that share a word come first in its results.
 */
export function similarQuery(title: string): string {
  const words = [...new Set(title.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter((word) => [...word].length >= 4))].slice(0, 8)
  return words.length ? words.join(' or ') : title.trim()
}
