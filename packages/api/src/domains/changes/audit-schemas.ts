import { Type } from '@sinclair/typebox'
import { ListQuery, LocalizedTextSchema, Nullable, Page } from '../../http/schemas.js'

const PersonActorSchema = Type.Object(
  {
    kind: Type.Literal('person'),
    id: Type.String({ format: 'uuid' }),
    name: Type.String(),
    email: Nullable(Type.String({ description: 'null once the person’s account no longer exists.' })),
  },
  { description: 'A person, signed in to the console.' },
)

const KeyActorSchema = Type.Object(
  {
    kind: Type.Literal('key'),
    id: Type.String({ format: 'uuid' }),
    name: Type.String(),
    prefix: Type.String({ description: 'The first characters of the key’s secret.' }),
  },
  { description: 'An organisation’s API key (a partner server).' },
)

export const AuditEventSchema = Type.Object(
  {
    id: Type.String({ description: 'The change-log event’s number: later events have larger numbers.' }),
    at: Type.String({ format: 'date-time' }),
    action: Type.String({ description: '`subject.verb`: `api_key.created`, `membership.role_changed`, …' }),
    subjectType: Type.String(),
    subjectId: Type.String(),
    organisation: Nullable(Type.Object({ id: Type.String({ format: 'uuid' }), name: Nullable(Type.Ref(LocalizedTextSchema)) })),
    actor: Type.Union([PersonActorSchema, KeyActorSchema, Type.Null()], { description: 'Who did it; null for WeGov itself.' }),
    requestId: Nullable(Type.String({ description: 'The X-Request-Id of the request that made the change, to find it in the logs.' })),
    before: Type.Unknown({ description: 'The subject before the change (null when it is new). Never a secret.' }),
    after: Type.Unknown({ description: 'The subject after the change (null when it is gone). Never a secret.' }),
  },
  { $id: 'AuditEvent', description: 'One change to accounts, roles, keys or organisations, as recorded when it was made.' },
)

export const AuditEventPageSchema = Page(Type.Ref(AuditEventSchema), 'AuditEvent')

const auditFilters = {
  lang: ListQuery.lang,
  action: Type.Optional(Type.String({ pattern: '^[a-z_]+\\.[a-z_]+$', maxLength: 100, description: 'Only this action, e.g. `api_key.revoked`.' })),
  actor: Type.Optional(Type.String({ format: 'uuid', description: 'Only what this person did (their id).' })),
  since: Type.Optional(Type.String({ format: 'date-time', description: 'Only events at or after this instant.' })),
  until: Type.Optional(Type.String({ format: 'date-time', description: 'Only events before this instant.' })),
  limit: ListQuery.limit,
  cursor: ListQuery.cursor,
}

export const AuditQuery = Type.Object(
  { ...auditFilters, organisation: Type.Optional(Type.String({ format: 'uuid', description: 'Only events of this organisation (its id).' })) },
  { additionalProperties: false },
)

export const OrganisationAuditQuery = Type.Object(auditFilters, { additionalProperties: false })

export const auditSchemas = [AuditEventSchema, AuditEventPageSchema]
