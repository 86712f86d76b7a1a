import { createClient, type WeGovClient } from '@wegov/sdk'
import type {
  ApiKey,
  ApiKeyScope,
  Application,
  AuditPage,
  AuditQuery,
  Invitation,
  InvitationView,
  FlaggedSignatureList,
  Items,
  LaunchedPetition,
  PetitionCount,
  PetitionDraftPatch,
  PetitionRejection,
  ManagedOrganisation,
  Me,
  Member,
  OrganisationRole,
  Passkey,
  PersonFound,
  PlatformRole,
  Session,
  Translations,
  Webhook,
  WebhookDelivery,
  WebhookEventType,
  WebhookWithSecret,
} from './api-types.js'
import type { Lang } from './lang.js'

/** The SDK's answer, read as the console's own view of it (api-types.ts: the fields the screens use). */
const as = <T>(answer: Promise<unknown>) => answer as Promise<T>

/**
 * The console's calls, through the SDK's client on WeGov's own origin with the session cookie
 * (`credentials: 'include'`), every answer in the reader's language. Failures are the SDK's WeGovErrors
 * (problem.ts reads their status, code, detail and field errors).
 */
export class ConsoleApi {
  readonly sdk: WeGovClient
  readonly #lang: Lang

  constructor(baseUrl: string, lang: Lang) {
    this.#lang = lang
    this.sdk = createClient({ baseUrl: baseUrl.replace(/\/+$/, ''), credentials: 'include', lang })
  }

  readonly auth = {
    requestCode: (email: string) => this.sdk.auth.requestCode({ email, lang: this.#lang }),
    verifyCode: (email: string, code: string) => as<Me>(this.sdk.auth.verifyCode({ email, code })),
    verifyToken: (token: string) => as<Me>(this.sdk.auth.verifyToken(token)),
    signOut: () => this.sdk.auth.signOut(),
    passkeyOptions: () => this.sdk.auth.passkeyOptions(),
    passkeyVerify: (challengeId: string, response: unknown) => as<Me>(this.sdk.auth.verifyPasskey({ challengeId, response: response as never })),
  }

  readonly me = {
    get: () => as<Me>(this.sdk.me.get()),
    update: (changes: { name?: string; lang?: Lang }) => as<Me>(this.sdk.me.update(changes)),
    sessions: () => as<Items<Session>>(this.sdk.me.sessions()),
    revokeSession: (sessionId: string) => this.sdk.me.revokeSession(sessionId),
    revokeAllSessions: () => this.sdk.me.revokeAllSessions(),
    passkeys: () => as<Items<Passkey>>(this.sdk.me.passkeys()),
    passkeyOptions: () => as<Record<string, unknown>>(this.sdk.me.passkeyOptions()),
    addPasskey: (challengeId: string, name: string, response: unknown) => as<Passkey>(this.sdk.me.addPasskey({ challengeId, name, response: response as never })),
    removePasskey: (passkeyId: string) => this.sdk.me.removePasskey(passkeyId),
  }

  readonly organisations = {
    create: (body: Record<string, unknown>) => as<ManagedOrganisation>(this.sdk.organisations.create(body as never)),
    profile: (id: string) => as<ManagedOrganisation>(this.sdk.organisations.profile(id)),
    updateProfile: (id: string, changes: Record<string, Translations | string | boolean | null>) =>
      as<ManagedOrganisation>(this.sdk.organisations.updateProfile(id, changes as never)),
    members: (id: string) => as<Items<Member>>(this.sdk.organisations.members(id)),
    setMemberRole: (id: string, personId: string, role: OrganisationRole) => this.sdk.organisations.setMemberRole(id, personId, role),
    removeMember: (id: string, personId: string) => this.sdk.organisations.removeMember(id, personId),
    invite: (id: string, body: { email: string; role: OrganisationRole; lang: Lang }) => as<Invitation>(this.sdk.organisations.invite(id, body)),
    invitations: (id: string) => as<Items<Invitation>>(this.sdk.organisations.invitations(id)),
    revokeInvitation: (id: string, invitationId: string) => this.sdk.organisations.revokeInvitation(id, invitationId),
  }

  readonly invitations = {
    get: (token: string) => as<InvitationView>(this.sdk.invitations.get(token)),
    accept: (token: string) => this.sdk.invitations.accept(token),
  }

  readonly applications = {
    submit: (body: Record<string, unknown>) => as<Application>(this.sdk.applications.submit(body as never)),
    list: (status?: string) => as<Items<Application>>(this.sdk.applications.list(status ? { status: status as 'pending' } : {})),
    approve: (id: string) => this.sdk.applications.approve(id),
    decline: (id: string, reason: string) => this.sdk.applications.decline(id, reason),
  }

  readonly people = {
    search: (email: string) => as<Items<PersonFound>>(this.sdk.people.search(email)),
    setPlatformRole: (personId: string, role: PlatformRole | null) => this.sdk.people.setPlatformRole(personId, role),
  }

  /** An organisation's webhook endpoints; the delivery log a page at a time (`cursor`: the previous page's nextCursor). */
  readonly webhooks = {
    list: (id: string) => as<Items<Webhook>>(this.sdk.webhooks.list(id)),
    create: (id: string, url: string, eventTypes: WebhookEventType[]) => as<WebhookWithSecret>(this.sdk.webhooks.create(id, { url, eventTypes })),
    setEnabled: (id: string, webhookId: string, enabled: boolean) => as<Webhook>(this.sdk.webhooks.update(id, webhookId, { enabled })),
    rotateSecret: (id: string, webhookId: string) => as<WebhookWithSecret>(this.sdk.webhooks.rotateSecret(id, webhookId)),
    delete: (id: string, webhookId: string) => this.sdk.webhooks.delete(id, webhookId),
    deliveries: (id: string, webhookId: string, cursor?: string) =>
      as<{ items: WebhookDelivery[]; nextCursor: string | null }>(this.sdk.webhooks.deliveries(id, webhookId, { limit: 20, ...(cursor ? { cursor } : {}) } as never)),
    redeliver: (id: string, webhookId: string, deliveryId: string) => this.sdk.webhooks.redeliver(id, webhookId, deliveryId),
  }

  readonly apiKeys = {
    list: (id: string) => as<Items<ApiKey>>(this.sdk.apiKeys.list(id)),
    create: (id: string, name: string, scopes: ApiKeyScope[]) => as<ApiKey & { secret: string }>(this.sdk.apiKeys.create(id, { name, scopes })),
    revoke: (id: string, keyId: string) => this.sdk.apiKeys.revoke(id, keyId),
  }

  /** One page of the audit log: awaiting the SDK's list call gives the page its parameters (cursor included) name. */
  readonly audit = {
    list: (query: AuditQuery) => as<AuditPage>(this.sdk.audit.list(query as never)),
    listForOrganisation: (organisationId: string, { organisation: _ignored, ...query }: AuditQuery) =>
      as<AuditPage>(this.sdk.audit.listForOrganisation(organisationId, query as never)),
  }

  /** Petitions one launches: drafts, then submitted (a citizen's collects sponsors), withdrawn at will before it opens. */
  readonly launches = {
    list: () => as<Items<LaunchedPetition>>(this.sdk.launches.list()),
    /** An organisation's petitions in every state (its editors and owners). */
    listOfOrganisation: (organisationId: string) => as<Items<LaunchedPetition>>(this.sdk.launches.listOfOrganisation(organisationId)),
    get: (id: string) => as<LaunchedPetition>(this.sdk.launches.get(id)),
    draft: (body: PetitionDraftPatch & { organisationId?: string }) => as<LaunchedPetition>(this.sdk.launches.draft(body as never)),
    update: (id: string, patch: PetitionDraftPatch) => as<LaunchedPetition>(this.sdk.launches.update(id, patch)),
    submit: (id: string) => as<LaunchedPetition>(this.sdk.launches.submit(id)),
    withdraw: (id: string) => as<LaunchedPetition>(this.sdk.launches.withdraw(id)),
    close: (id: string) => as<LaunchedPetition>(this.sdk.launches.close(id)),
  }

  /** Platform moderators and admins: the queue, a claim, then a decision. */
  readonly moderation = {
    queue: () => as<Items<LaunchedPetition>>(this.sdk.moderation.petitions()),
    claim: (id: string) => as<LaunchedPetition>(this.sdk.moderation.claim(id)),
    approve: (id: string) => as<LaunchedPetition>(this.sdk.moderation.approve(id)),
    reject: (id: string, rejection: PetitionRejection) => as<LaunchedPetition>(this.sdk.moderation.reject(id, rejection)),
    /** A moderator's typo correction of a submitted or open petition (the change log keeps the text before). */
    correct: (id: string, patch: PetitionDraftPatch) => as<LaunchedPetition>(this.sdk.moderation.correct(id, patch)),
    flaggedSignatures: (petitionId?: string) => as<FlaggedSignatureList>(this.sdk.moderation.flaggedSignatures(petitionId ? { petitionId } : {})),
    releaseSignatures: (ids: string[]) => this.sdk.moderation.releaseSignatures(ids),
    invalidateSignatures: (ids: string[]) => this.sdk.moderation.invalidateSignatures(ids),
  }

  /** Public reads the moderation tools use: a petition's published counts (the invalidated ones among them). */
  readonly petitions = {
    count: (idOrSlug: string) => as<PetitionCount>(this.sdk.petitions.count(idOrSlug, { fresh: true })),
    /** The public petition in one language (a text missing there comes in the original language, saying so). */
    get: (idOrSlug: string, lang: Lang) => this.sdk.petitions.get(idOrSlug, { lang, fresh: true }),
  }
}
