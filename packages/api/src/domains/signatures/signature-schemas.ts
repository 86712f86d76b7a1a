import { Type } from '@sinclair/typebox'
import { StringEnum } from '../../http/enum.js'
import { LangSchema, SLUG_PATTERN } from '../../http/schemas.js'

export const SignRequestSchema = Type.Object(
  {
    firstName: Type.String({ maxLength: 200, description: '1-100 characters, no control characters.' }),
    lastName: Type.String({ maxLength: 200, description: 'Never published: public lists show its first letter only.' }),
    email: Type.String({ maxLength: 320, description: 'Never published and never returned by any endpoint.' }),
    country: Type.String({ pattern: '^[A-Z]{2}$', description: 'The signer’s country: an assigned ISO 3166-1 alpha-2 code (or XK, Kosovo); any other is refused with WEGOV_INVALID_COUNTRY.' }),
    city: Type.Optional(Type.String({ maxLength: 200 })),
    comment: Type.Optional(Type.String({ maxLength: 1000, description: 'Up to 500 characters, published with a public signature.' })),
    display: Type.Optional(StringEnum(['public', 'anonymous'] as const, { description: 'Whether the name appears in the public list (default anonymous).' })),
    consents: Type.Object(
      {
        processing: Type.Unsafe<true>({ const: true, description: 'Must be literally true: consent to process the data for this petition.' }),
        newsFromOrganiser: Type.Optional(Type.Boolean({ default: false })),
        newsFromPartner: Type.Optional(Type.Boolean({ default: false })),
        response: Type.Optional(
          Type.Boolean({ default: false, description: 'Tell me about this petition’s official response: one email, in the signer’s language, once it is recorded.' }),
        ),
      },
      { additionalProperties: false },
    ),
    locale: Type.Optional(LangSchema),
    source: Type.Optional(
      Type.Object(
        {
          partner: Type.Optional(Type.String({ pattern: SLUG_PATTERN, maxLength: 100, description: 'Slug of the partner site the signature comes from.' })),
          url: Type.Optional(Type.String({ maxLength: 2000, description: 'The page signed from; only its origin and path are kept.' })),
        },
        { additionalProperties: false },
      ),
    ),
    altcha: Type.Optional(Type.String({ maxLength: 4000, description: 'The solved proof of work (see GET /v1/challenge).' })),
    website: Type.Optional(Type.String({ maxLength: 500, description: 'Leave empty: a field people never see.' })),
  },
  { additionalProperties: false, $id: 'SignRequest' },
)

export const SignatureAcceptedSchema = Type.Object(
  {
    petitionId: Type.String({ format: 'uuid' }),
    status: Type.Literal('pending_confirmation'),
    detail: Type.String({ description: 'What happens next, for people, in the language of the request.' }),
    lang: LangSchema,
  },
  {
    $id: 'SignatureAccepted',
    description: 'The same answer whether or not this address had already signed: WeGov never reveals who signed.',
  },
)

export const ConfirmRequestSchema = Type.Object(
  {
    token: Type.Optional(Type.String({ maxLength: 100, description: 'The token of the link in the confirmation email.' })),
    petition: Type.Optional(Type.String({ maxLength: 100, description: 'With email and code: the petition id or slug.' })),
    email: Type.Optional(Type.String({ maxLength: 320 })),
    code: Type.Optional(Type.String({ maxLength: 20, description: 'The 6-digit code of the confirmation email.' })),
  },
  { additionalProperties: false, $id: 'ConfirmSignatureRequest', description: 'Either {token} or {petition, email, code}.' },
)

export const SignatureConfirmedSchema = Type.Object(
  { petitionId: Type.String({ format: 'uuid' }), status: Type.Literal('confirmed') },
  { $id: 'SignatureConfirmed' },
)

export const WithdrawRequestSchema = Type.Object(
  { token: Type.String({ maxLength: 100, description: 'The token of the withdrawal link in the confirmation email.' }) },
  { additionalProperties: false, $id: 'WithdrawSignatureRequest' },
)

export const SignatureWithdrawnSchema = Type.Object(
  { petitionId: Type.String({ format: 'uuid' }), status: Type.Literal('withdrawn') },
  { $id: 'SignatureWithdrawn' },
)

export const signatureSchemas = [
  SignRequestSchema,
  SignatureAcceptedSchema,
  ConfirmRequestSchema,
  SignatureConfirmedSchema,
  WithdrawRequestSchema,
  SignatureWithdrawnSchema,
]
