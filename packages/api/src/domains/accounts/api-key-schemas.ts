import { Type } from '@sinclair/typebox'
import type { ApiKeyScope } from '../../db/account-tables.js'
import { StringEnum } from '../../http/enum.js'
import { Nullable } from '../../http/schemas.js'

/** Every scope a key can carry; later issues add petitions and webhooks. */
export const API_KEY_SCOPES = ['drafts:read', 'content:write'] as const satisfies readonly ApiKeyScope[]

export const ApiKeyScopeSchema = StringEnum(API_KEY_SCOPES, {
  description: '`drafts:read`: read the organisation’s unpublished content; `content:write`: write its content and profile.',
})

const apiKeyProperties = {
  id: Type.String({ format: 'uuid' }),
  name: Type.String({ description: 'What the owners called it, e.g. the partner server it is for.' }),
  prefix: Type.String({ description: 'The first 12 characters of the secret (`wgk_` and 8 more), to recognise it.' }),
  scopes: Type.Array(ApiKeyScopeSchema),
  createdAt: Type.String({ format: 'date-time' }),
  lastUsedAt: Nullable(Type.String({ format: 'date-time', description: 'Last use, to the minute; null if never used.' })),
  revokedAt: Nullable(Type.String({ format: 'date-time' })),
  createdBy: Nullable(Type.Object({ id: Type.String({ format: 'uuid' }), name: Type.String() })),
}

export const ApiKeySchema = Type.Object(apiKeyProperties, { $id: 'ApiKey', description: 'An organisation’s API key, without its secret.' })

export const NewApiKeySchema = Type.Object(
  {
    ...apiKeyProperties,
    secret: Type.String({ pattern: '^wgk_', description: 'The secret, `wgk_…`: shown this once, never again. Send it as `Authorization: Bearer wgk_…`.' }),
  },
  { $id: 'NewApiKey', description: 'A key just created, with its secret.' },
)

export const ApiKeyListSchema = Type.Object({ items: Type.Array(Type.Ref(ApiKeySchema)) }, { $id: 'ApiKeyList' })

export const CreateApiKeySchema = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 100, pattern: '\\S', description: '1 to 100 characters, not only spaces.' }),
    scopes: Type.Array(ApiKeyScopeSchema, { minItems: 1, maxItems: API_KEY_SCOPES.length * 2 }),
  },
  { $id: 'CreateApiKey', additionalProperties: false },
)

export const WhoAmISchema = Type.Object(
  {
    kind: StringEnum(['person', 'key', 'anonymous'] as const),
    personId: Type.Optional(Type.String({ format: 'uuid', description: 'A signed-in person (session cookie).' })),
    organisationId: Type.Optional(Type.String({ format: 'uuid', description: 'The organisation an API key acts for.' })),
    scopes: Type.Optional(Type.Array(ApiKeyScopeSchema, { description: 'An API key’s scopes.' })),
  },
  { $id: 'WhoAmI', description: 'Who the API takes the caller for.' },
)

export const apiKeySchemas = [ApiKeySchema, NewApiKeySchema, ApiKeyListSchema, CreateApiKeySchema, WhoAmISchema]
