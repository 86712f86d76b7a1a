import { msg } from '@lit/localize'
import { LANGS, type Lang } from '../shared/lang.js'
import type { ContentSource, ContentType } from './content-source.js'

/**
 * The editors' fields, one catalogue per content type: what the form shows, how a source becomes the
 * form's model (one flat value per key, `title.ar`, `budget.amount`), and how the model's changes become
 * a JSON merge patch. The conflict screen names changed fields with the same labels.
 */
export type FieldKind =
  | 'text'
  | 'rich'
  | 'date'
  | 'datetime'
  | 'url'
  | 'code'
  | 'number'
  | 'select'
  | 'countries'
  | 'checks'
  | 'participants'
  | 'file'
  | 'projects'

export interface FieldDef {
  /** The model key: `title` for a translated field (its keys are `title.ar`…), `budget.amount` for a grouped one. */
  key: string
  kind: FieldKind
  label(): string
  translated?: boolean
  /** The vocabulary that lists a select's or checks' choices (GET /v1/vocabularies), or 'langs'. */
  choices?: 'projectStatuses' | 'themes' | 'collections' | 'resourceKinds' | 'langs'
  /** Grouped fields are written as their whole group (`budget`, `webinar`). */
  group?: string
  maxlength?: number
  /** Every item has one: a new item starts with the vocabulary's first choice. */
  required?: boolean
}

export type Participant = { organisation: string; role: string }
export type ModelValue = string | string[] | Participant[]
export type Model = Record<string, ModelValue>

const PROJECT_FIELDS: FieldDef[] = [
  { key: 'title', kind: 'text', translated: true, label: () => msg('Title'), maxlength: 300 },
  { key: 'summary', kind: 'text', translated: true, label: () => msg('Summary'), maxlength: 500 },
  { key: 'description', kind: 'rich', translated: true, label: () => msg('Description') },
  { key: 'status', kind: 'select', choices: 'projectStatuses', required: true, label: () => msg('Status') },
  { key: 'plannedStart', kind: 'date', label: () => msg('Planned start') },
  { key: 'plannedEnd', kind: 'date', label: () => msg('Planned end') },
  { key: 'actualStart', kind: 'date', label: () => msg('Actual start') },
  { key: 'actualEnd', kind: 'date', label: () => msg('Actual end') },
  { key: 'budget.amount', group: 'budget', kind: 'number', label: () => msg('Budget') },
  { key: 'budget.currency', group: 'budget', kind: 'code', label: () => msg('Currency (ISO 4217 code, e.g. EUR)'), maxlength: 3 },
  { key: 'participants', kind: 'participants', label: () => msg('Funders and participating organisations') },
  { key: 'countries', kind: 'countries', label: () => msg('Countries') },
  { key: 'themes', kind: 'checks', choices: 'themes', label: () => msg('Themes') },
  { key: 'website', kind: 'url', label: () => msg('Website') },
  { key: 'contact.name', group: 'contact', kind: 'text', label: () => msg('Public contact point (never a person’s email)'), maxlength: 200 },
  { key: 'contact.url', group: 'contact', kind: 'url', label: () => msg('Contact address (URL)') },
  { key: 'slug', kind: 'code', label: () => msg('Address name (slug)'), maxlength: 100 },
]

const RESOURCE_FIELDS: FieldDef[] = [
  { key: 'title', kind: 'text', translated: true, label: () => msg('Title'), maxlength: 300 },
  { key: 'summary', kind: 'text', translated: true, label: () => msg('Summary'), maxlength: 500 },
  { key: 'body', kind: 'rich', translated: true, label: () => msg('Body') },
  { key: 'collection', kind: 'select', choices: 'collections', required: true, label: () => msg('Collection') },
  { key: 'kind', kind: 'select', choices: 'resourceKinds', required: true, label: () => msg('Kind') },
  { key: 'fileId', kind: 'file', label: () => msg('Document') },
  { key: 'url', kind: 'url', label: () => msg('Address (URL)') },
  { key: 'languages', kind: 'checks', choices: 'langs', label: () => msg('Languages of the resource itself') },
  { key: 'countries', kind: 'countries', label: () => msg('Countries') },
  { key: 'themes', kind: 'checks', choices: 'themes', label: () => msg('Themes') },
  { key: 'projects', kind: 'projects', label: () => msg('Projects') },
  { key: 'webinar.startsAt', group: 'webinar', kind: 'datetime', label: () => msg('Webinar starts') },
  { key: 'webinar.endsAt', group: 'webinar', kind: 'datetime', label: () => msg('Webinar ends') },
  { key: 'webinar.joinUrl', group: 'webinar', kind: 'url', label: () => msg('Webinar joining address') },
  { key: 'webinar.recordingUrl', group: 'webinar', kind: 'url', label: () => msg('Recording address') },
  { key: 'publisher', kind: 'code', label: () => msg('Publisher, if another organisation (its address name on WeGov)'), maxlength: 100 },
  { key: 'durationSeconds', kind: 'number', label: () => msg('Running time of a video, in seconds') },
  { key: 'licence', kind: 'code', label: () => msg('Licence (e.g. CC-BY-4.0)'), maxlength: 100 },
  { key: 'publishedOn', kind: 'date', label: () => msg('Publication date') },
  { key: 'slug', kind: 'code', label: () => msg('Address name (slug)'), maxlength: 100 },
]

export function fieldsOf(type: ContentType): FieldDef[] {
  return type === 'projects' ? PROJECT_FIELDS : RESOURCE_FIELDS
}

/** Every model key of a field: one per language for a translated field. */
export function keysOf(field: FieldDef): string[] {
  return field.translated ? LANGS.map((lang) => `${field.key}.${lang}`) : [field.key]
}

const read = (source: object, path: string): unknown =>
  path.split('.').reduce<unknown>((value, part) => (value && typeof value === 'object' ? (value as Record<string, unknown>)[part] : undefined), source)

/** `2026-12-04T17:05:00.000Z` → `2026-12-04T18:05` in the reader's time zone, for <input type=datetime-local>. */
function toLocalInput(iso: string): string {
  const date = new Date(iso)
  if (Number.isNaN(date.getTime())) return ''
  const local = new Date(date.getTime() - date.getTimezoneOffset() * 60_000)
  return local.toISOString().slice(0, 16)
}

/** The attached file's id ('' when none); only resources have one. */
const fileIdOf = (source: ContentSource): string => ('fileId' in source && source.fileId) || ''

/** The form's model of a source (or of nothing: a new item). */
export function modelOf(type: ContentType, source?: ContentSource): Model {
  const model: Model = {}
  for (const field of fieldsOf(type)) {
    for (const key of keysOf(field)) {
      const value = source ? read(source, key) : undefined
      if (field.kind === 'file') model[key] = source ? fileIdOf(source) : ''
      else if (field.kind === 'participants') {
        model[key] = ((value as { organisation: string | { slug: string }; role: string }[] | undefined) ?? []).map((p) => ({
          organisation: typeof p.organisation === 'string' ? p.organisation : p.organisation.slug,
          role: p.role,
        }))
      } else if (field.kind === 'countries' || field.kind === 'checks') model[key] = [...((value as string[] | undefined) ?? [])]
      else if (field.kind === 'projects') model[key] = sortedIds((value as string[] | undefined) ?? [])
      else if (field.kind === 'datetime') model[key] = typeof value === 'string' ? toLocalInput(value) : ''
      else model[key] = value === null || value === undefined ? '' : String(value)
    }
  }
  return model
}

/** Project ids in the order the source gives them (by id), so that ticking one off and on again changes nothing. */
export const sortedIds = (ids: Iterable<string>): string[] => [...ids].sort()

const same = (a: ModelValue | undefined, b: ModelValue | undefined) => JSON.stringify(a ?? '') === JSON.stringify(b ?? '')

/** The model keys whose values differ between two models. */
export function changedKeys(type: ContentType, before: Model, after: Model): string[] {
  return fieldsOf(type)
    .flatMap(keysOf)
    .filter((key) => !same(before[key], after[key]))
}

/** A changed key as people read it: "Title (العربية)". */
export function keyLabel(type: ContentType, key: string, langName: (lang: Lang) => string): string {
  const field = fieldsOf(type).find((f) => f.key === key || (f.translated && key.startsWith(`${f.key}.`)))
  if (!field) return key
  return field.translated ? `${field.label()} (${langName(key.slice(field.key.length + 1) as Lang)})` : field.label()
}

const blankToNull = (value: string) => (value.trim() === '' ? null : value.trim())

/** A group's value as written: the whole object, or null when its leading field is empty. */
function groupValue(type: ContentType, group: string, model: Model): unknown {
  const value = (key: string) => String(model[`${group}.${key}`] ?? '').trim()
  if (group === 'budget') {
    if (!value('amount')) return null
    return { amount: Number(value('amount')), currency: value('currency').toUpperCase() }
  }
  if (group === 'contact') return value('name') ? { name: value('name'), url: value('url') || null } : null
  if (group === 'webinar') {
    if (!value('startsAt')) return null
    const iso = (local: string) => (local ? new Date(local).toISOString() : null)
    return { startsAt: iso(value('startsAt')), endsAt: iso(value('endsAt')), joinUrl: value('joinUrl') || null, recordingUrl: value('recordingUrl') || null }
  }
  return Object.fromEntries(fieldsOf(type).filter((f) => f.group === group).map((f) => [f.key.slice(group.length + 1), blankToNull(String(model[f.key] ?? ''))]))
}

/** One field's value as the API takes it. */
function writeValue(field: FieldDef, value: ModelValue | undefined): unknown {
  if (Array.isArray(value)) {
    return field.kind === 'participants' ? (value as Participant[]).filter((p) => p.organisation.trim()).map((p) => ({ organisation: p.organisation.trim(), role: p.role })) : value
  }
  if (field.kind === 'number') return value ? Number(value) : null
  return blankToNull(String(value ?? ''))
}

/**
 * A JSON merge patch (RFC 7396) of the keys given: a translated field per language (`{"title": {"fr": "…"}}`,
 * null removes that language), a group whole, any other field as its value (null clears it).
 */
export function patchOf(type: ContentType, model: Model, keys: string[]): Record<string, unknown> {
  const patch: Record<string, unknown> = {}
  for (const key of keys) {
    const field = fieldsOf(type).find((f) => f.key === key || (f.translated && key.startsWith(`${f.key}.`)))
    if (!field) continue
    if (field.translated) {
      const lang = key.slice(field.key.length + 1)
      const texts = (patch[field.key] ??= {}) as Record<string, string | null>
      texts[lang] = blankToNull(String(model[key] ?? ''))
    } else if (field.group) patch[field.group] = groupValue(type, field.group, model)
    else patch[key] = writeValue(field, model[key])
  }
  return patch
}

/** A new item's body: every field that has a value, the original language, and the state asked for. */
export function createBody(type: ContentType, model: Model, originalLang: Lang): Record<string, unknown> {
  const filled = fieldsOf(type)
    .flatMap(keysOf)
    .filter((key) => !same(model[key], Array.isArray(model[key]) ? [] : ''))
  // Only filled languages are listed; a group (budget, webinar) goes whole, its empty parts null.
  return { ...patchOf(type, model, filled), originalLang, state: 'draft' }
}
