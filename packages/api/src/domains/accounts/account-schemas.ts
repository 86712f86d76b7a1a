import { Type } from '@sinclair/typebox'
import { LangSchema } from '../../http/schemas.js'
import { MeSchema, MyMembershipSchema } from './me.js'

export const SignInCodeRequestSchema = Type.Object(
  {
    email: Type.String({ minLength: 3, maxLength: 320, description: 'The address to send the code to.' }),
    lang: Type.Optional(Type.Union([LangSchema], { description: 'The language of the email; Accept-Language otherwise.' })),
  },
  { additionalProperties: false, $id: 'SignInCodeRequest' },
)

export const SignInCodeSentSchema = Type.Object(
  { detail: Type.String({ description: 'What happens next, for people, in the language of the request.' }) },
  { $id: 'SignInCodeSent', description: 'The same answer whether or not the address has an account: WeGov never reveals who does.' },
)

export const VerifySignInRequestSchema = Type.Object(
  {
    email: Type.Optional(Type.String({ minLength: 3, maxLength: 320 })),
    code: Type.Optional(Type.String({ maxLength: 20, description: 'The 6-digit code of the email (spaces, dashes and Arabic-Indic digits accepted).' })),
    token: Type.Optional(Type.String({ maxLength: 1000, description: 'The token of the link in the email, as the console page opened by it sends it.' })),
  },
  { additionalProperties: false, $id: 'VerifySignInRequest', description: 'Either {email, code} or {token}.' },
)

export const UpdateMeRequestSchema = Type.Object(
  {
    name: Type.Optional(Type.String({ maxLength: 100, description: 'How to be named; leading and trailing spaces are dropped.' })),
    lang: Type.Optional(LangSchema),
  },
  { additionalProperties: false, $id: 'UpdateMeRequest' },
)

export const SessionSchema = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    method: Type.Union([Type.Literal('code'), Type.Literal('passkey')]),
    userAgent: Type.String({ description: 'The browser that signed in, as it named itself (cut at 200 characters).' }),
    createdAt: Type.String({ format: 'date-time' }),
    lastSeenAt: Type.String({ format: 'date-time' }),
    expiresAt: Type.String({ format: 'date-time', description: 'The absolute end; the session also ends when unused for the idle timeout.' }),
    current: Type.Boolean({ description: 'True for the session of this request.' }),
  },
  { $id: 'Session' },
)

export const SessionListSchema = Type.Object({ items: Type.Array(Type.Ref(SessionSchema)) }, { $id: 'SessionList' })

export const accountSchemas = [
  MyMembershipSchema,
  MeSchema,
  SignInCodeRequestSchema,
  SignInCodeSentSchema,
  VerifySignInRequestSchema,
  UpdateMeRequestSchema,
  SessionSchema,
  SessionListSchema,
]
