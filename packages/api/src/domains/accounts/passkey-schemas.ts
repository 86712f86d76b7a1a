import { type TObject, type TProperties, Type } from '@sinclair/typebox'
import { UUID_PATTERN } from '../../http/schemas.js'

/** base64url, as WebAuthn's JSON forms carry every binary value. */
const Base64Url = (description: string, maxLength = 4096) => Type.String({ pattern: '^[A-Za-z0-9_-]*$', maxLength, description })

export const PasskeySchema = Type.Object(
  {
    id: Base64Url('The credential id.', 1400),
    name: Type.String({ description: 'The name the person gave it (“my phone”).' }),
    createdAt: Type.String({ format: 'date-time' }),
    lastUsedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()], { description: 'The last sign-in with it, or null.' }),
  },
  { $id: 'Passkey', description: 'A passkey of the signed-in person. The public key itself is never shown.' },
)

export const PasskeyListSchema = Type.Object({ items: Type.Array(Type.Ref(PasskeySchema)) }, { $id: 'PasskeyList' })

const CredentialDescriptor = Type.Object(
  { id: Base64Url('A credential id.'), type: Type.Literal('public-key'), transports: Type.Optional(Type.Array(Type.String())) },
  { additionalProperties: true },
)

/** WebAuthn's PublicKeyCredentialCreationOptionsJSON (its optional members too, though WeGov always sends them): give it to PublicKeyCredential.parseCreationOptionsFromJSON(). */
export const PasskeyCreationOptionsSchema = Type.Object(
  {
    challengeId: Type.String({ format: 'uuid', description: 'Send it back with the answer (valid 5 minutes, once).' }),
    options: Type.Object(
      {
        challenge: Base64Url('The challenge to sign.'),
        rp: Type.Object({ name: Type.String(), id: Type.Optional(Type.String()) }),
        user: Type.Object({ id: Base64Url('The user handle.'), name: Type.String(), displayName: Type.String() }),
        pubKeyCredParams: Type.Array(Type.Object({ alg: Type.Integer(), type: Type.Literal('public-key') })),
        timeout: Type.Optional(Type.Integer()),
        attestation: Type.Optional(Type.String()),
        excludeCredentials: Type.Optional(Type.Array(CredentialDescriptor, { description: 'The person’s passkeys already registered.' })),
        authenticatorSelection: Type.Optional(
          Type.Object(
            { residentKey: Type.Optional(Type.String()), userVerification: Type.Optional(Type.String()), requireResidentKey: Type.Optional(Type.Boolean()), authenticatorAttachment: Type.Optional(Type.String()) },
            { additionalProperties: true },
          ),
        ),
        extensions: Type.Optional(Type.Object({}, { additionalProperties: true })),
        hints: Type.Optional(Type.Array(Type.String())),
      },
      { additionalProperties: true },
    ),
  },
  { $id: 'PasskeyCreationOptions', description: 'Options for navigator.credentials.create(), and the challenge they belong to.' },
)

/** WebAuthn's PublicKeyCredentialRequestOptionsJSON: give it to PublicKeyCredential.parseRequestOptionsFromJSON(). */
export const PasskeyRequestOptionsSchema = Type.Object(
  {
    challengeId: Type.String({ format: 'uuid', description: 'Send it back with the answer (valid 5 minutes, once).' }),
    options: Type.Object(
      {
        challenge: Base64Url('The challenge to sign.'),
        rpId: Type.Optional(Type.String()),
        timeout: Type.Optional(Type.Integer()),
        userVerification: Type.Optional(Type.String()),
        hints: Type.Optional(Type.Array(Type.String())),
        extensions: Type.Optional(Type.Object({}, { additionalProperties: true })),
        allowCredentials: Type.Optional(Type.Array(CredentialDescriptor)),
      },
      { additionalProperties: true },
    ),
  },
  { $id: 'PasskeyRequestOptions', description: 'Options for navigator.credentials.get() (discoverable passkeys: no address needed), and their challenge.' },
)

/** A credential's JSON form (PublicKeyCredential.toJSON()); browsers may add members, which are kept. */
const credentialJson = <T extends TProperties>(response: TObject<T>, $id: string, description: string) =>
  Type.Object(
    {
      id: Base64Url('The credential id.', 1400),
      rawId: Base64Url('The credential id, again.', 1400),
      type: Type.Literal('public-key'),
      response,
      authenticatorAttachment: Type.Optional(Type.String()),
      clientExtensionResults: Type.Object({}, { additionalProperties: true }),
    },
    { $id, description, additionalProperties: true },
  )

export const PasskeyRegistrationResponseSchema = credentialJson(
  Type.Object(
    { clientDataJSON: Base64Url('Client data.'), attestationObject: Base64Url('The attestation object.', 8192), transports: Type.Optional(Type.Array(Type.String({ maxLength: 40 }), { maxItems: 10 })) },
    { additionalProperties: true },
  ),
  'PasskeyRegistrationResponse',
  'What navigator.credentials.create() answered, as JSON.',
)

export const PasskeyAuthenticationResponseSchema = credentialJson(
  Type.Object(
    {
      clientDataJSON: Base64Url('Client data.'),
      authenticatorData: Base64Url('Authenticator data.'),
      signature: Base64Url('The signature.'),
      userHandle: Type.Optional(Base64Url('The user handle.', 200)),
    },
    { additionalProperties: true },
  ),
  'PasskeyAuthenticationResponse',
  'What navigator.credentials.get() answered, as JSON.',
)

const ChallengeId = Type.String({ pattern: UUID_PATTERN, description: 'The challengeId the options came with.' })

export const AddPasskeyRequestSchema = Type.Object(
  {
    challengeId: ChallengeId,
    name: Type.String({ minLength: 1, maxLength: 80, pattern: '\\S', description: 'A name to recognise it by (“my phone”).' }),
    response: Type.Ref(PasskeyRegistrationResponseSchema),
  },
  { $id: 'AddPasskeyRequest', additionalProperties: false },
)

export const PasskeySignInRequestSchema = Type.Object(
  { challengeId: ChallengeId, response: Type.Ref(PasskeyAuthenticationResponseSchema) },
  { $id: 'PasskeySignInRequest', additionalProperties: false },
)

export const passkeySchemas = [
  PasskeySchema,
  PasskeyListSchema,
  PasskeyCreationOptionsSchema,
  PasskeyRequestOptionsSchema,
  PasskeyRegistrationResponseSchema,
  PasskeyAuthenticationResponseSchema,
  AddPasskeyRequestSchema,
  PasskeySignInRequestSchema,
]
