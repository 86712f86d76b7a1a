import {
  addMyPasskey,
  getMe,
  listMyPasskeys,
  listMySessions,
  passkeyRegistrationOptions,
  passkeySignInOptions,
  removeMyPasskey,
  requestSignInCode,
  revokeAllMySessions,
  revokeMySession,
  signOut,
  updateMe,
  verifyPasskeySignIn,
  verifySignInCode,
  verifySignInToken,
  whoami,
} from './accounts.js'
import { createApiKey, listApiKeys, revokeApiKey } from './api-keys.js'
import { createWebhook, deleteWebhook, listWebhooks, redeliverWebhook, rotateWebhookSecret, updateWebhook, webhookDeliveriesPage } from './webhooks.js'
import {
  type CreateOptions,
  type EditOptions,
  type Edited,
  createProject,
  createResource,
  getProjectSource,
  getResourceSource,
  removeProject,
  removeResource,
  restoreProject,
  restoreResource,
  updateProject,
  updateResource,
} from './content-writes.js'
import { auditPage, organisationAuditPage } from './audit.js'
import { changesPage } from './changes.js'
import { type ListCall, listCall } from './list-call.js'
import {
  acceptInvitation,
  createOrganisation,
  getInvitation,
  getOrganisationProfile,
  inviteMember,
  listInvitations,
  listMembers,
  removeMember,
  revokeInvitation,
  setMemberRole,
  updateOrganisationProfile,
} from './organisation-admin.js'
import { approveApplication, declineApplication, listApplications, searchPeople, setPlatformRole, submitApplication } from './platform-admin.js'
import {
  approvePetition,
  claimPetition,
  closePetition,
  correctPetition,
  draftPetition,
  getMyPetition,
  getSponsorLink,
  listMyPetitions,
  listOrganisationPetitions,
  listFlaggedSignatures,
  listPetitionsToModerate,
  rejectPetition,
  settleFlaggedSignatures,
  submitPetition,
  updatePetitionDraft,
  withdrawPetition,
} from './petition-launches.js'
import {
  getOrganisation,
  getPetition,
  getPetitionCount,
  getProject,
  getResource,
  getResourceFeed,
  getVocabularies,
  organisationsPage,
  webinarCalendarFileUrl,
  webinarCalendarUrl,
  petitionSignaturesPage,
  petitionsPage,
  projectsPage,
  resourcesPage,
} from './reads.js'
import { addPaperSignatures, listPaperSignatures, recordPetitionResponse, voidPaperSignatures } from './petition-outcomes.js'
import { confirmSignature, getChallenge, type SignOptions, signPetition, solveNewChallenge, sponsorPetition, withdrawSignature } from './signing.js'
import { type ClientOptions, createTransport } from './transport.js'
import { type UploadedFile, type UploadOptions, uploadFile } from './files.js'
import type {
  AddPasskeyInput,
  ApiKey,
  Application,
  ApplicationInput,
  ApplicationListParams,
  AuditEvent,
  AuditParams,
  CallOptions,
  Change,
  ChangePage,
  ChangeParams,
  Challenge,
  CreateApiKeyInput,
  CreateOrganisationInput,
  Invitation,
  InvitationAccepted,
  InvitationPreview,
  InviteInput,
  Items,
  ManagedOrganisation,
  Me,
  Member,
  NewApiKey,
  OrganisationAuditParams,
  OrganisationRole,
  Passkey,
  PasskeyRegistrationOptions,
  PasskeySignInInput,
  PasskeySignInOptions,
  PersonSummary,
  PlatformRole,
  Session,
  SignInCodeRequest,
  SignInCodeSent,
  UpdateMeInput,
  UpdateProfileInput,
  CreateWebhookInput,
  UpdateWebhookInput,
  Webhook,
  WebhookDelivery,
  WebhookDeliveryParams,
  WebhookRedelivery,
  WebhookWithSecret,
  Whoami,
  ConfirmSignatureInput,
  ConfirmSignatureResult,
  Organisation,
  OrganisationListParams,
  Page,
  PaperSignatureBatch,
  PaperSignatureBatchList,
  PaperSignaturesInput,
  Petition,
  PetitionCount,
  PetitionListParams,
  PetitionResponseInput,
  PetitionResponseRecorded,
  Project,
  ProjectListParams,
  ProjectPatch,
  ProjectSource,
  ProjectWrite,
  ResourcePatch,
  ResourceSource,
  ResourceWrite,
  PublicSignature,
  Resource,
  ResourceFeed,
  ResourceFeedParams,
  WebinarCalendarParams,
  ResourceListParams,
  ResourceSummary,
  SignatureInput,
  SignatureListParams,
  SignatureReceipt,
  Vocabularies,
  WithdrawSignatureInput,
  WithdrawSignatureResult,
  FlaggedSignatureList,
  LaunchedPetition,
  PetitionDraftInput,
  PetitionDraftPatch,
  PetitionRejection,
  SponsorPage,
} from './types.js'

/** Calls that change something take no `fresh`: it is about caching reads. */
type WriteOptions = Omit<CallOptions, 'fresh'>

/**
 * The publishing API of projects and of resources (session or an API key with content:write). Edits take
 * the `etag` of the version edited; a stale one throws ConflictError (WEGOV_EDIT_CONFLICT, `currentEtag`).
 */
export interface Writes<Write, Patch, Source> {
  /** A draft unless `state: 'published'`. An idempotencyKey makes a retry return the first item. */
  create(organisationId: string, input: Write, options?: CreateOptions): Promise<Edited<Source>>
  /** Every language as written, the state and the version (drafts too). */
  source(id: string, options?: CallOptions): Promise<Edited<Source>>
  /** A JSON Merge Patch: `{ title: { fr: '…' } }` sets French only; `{ title: { fr: null } }` removes it. */
  update(id: string, patch: Patch, options: EditOptions): Promise<Edited<Source>>
  publish(id: string, options: EditOptions): Promise<Edited<Source>>
  unpublish(id: string, options: EditOptions): Promise<Edited<Source>>
  /** Leaves a tombstone; restore() undoes it. */
  remove(id: string, options: EditOptions): Promise<void>
  restore(id: string, options?: WriteOptions): Promise<Edited<Source>>
}

/** The WeGov API, one namespace per resource. Every call rejects with a WeGovError. */
export interface WeGovClient {
  organisations: {
    list(params?: OrganisationListParams, options?: CallOptions): ListCall<Organisation>
    get(idOrSlug: string, options?: CallOptions): Promise<Organisation>
    /** Admins. With `ownerEmail`, that address is invited to own it. */
    create(body: CreateOrganisationInput, options?: WriteOptions): Promise<ManagedOrganisation>
    /** Every translation of the profile and what each language lacks (members and admins). */
    profile(organisationId: string, options?: CallOptions): Promise<ManagedOrganisation>
    /** Any subset; a language set to null removes that translation. */
    updateProfile(organisationId: string, body: UpdateProfileInput, options?: WriteOptions): Promise<ManagedOrganisation>
    members(organisationId: string, options?: CallOptions): Promise<Items<Member>>
    /** Demoting the last owner is refused (WEGOV_LAST_OWNER). */
    setMemberRole(organisationId: string, personId: string, role: OrganisationRole, options?: WriteOptions): Promise<Member>
    /** Removing the last owner is refused (WEGOV_LAST_OWNER). */
    removeMember(organisationId: string, personId: string, options?: WriteOptions): Promise<void>
    invite(organisationId: string, body: InviteInput, options?: WriteOptions): Promise<Invitation>
    invitations(organisationId: string, options?: CallOptions): Promise<Items<Invitation>>
    revokeInvitation(organisationId: string, invitationId: string, options?: WriteOptions): Promise<void>
  }
  projects: {
    /** `{ state: 'draft', organisation }` lists that organisation's drafts (its editors, its drafts:read keys). */
    list(params?: ProjectListParams, options?: CallOptions): ListCall<Project>
    get(idOrSlug: string, options?: CallOptions): Promise<Project>
  } & Writes<ProjectWrite, ProjectPatch, ProjectSource>
  resources: {
    list(params?: ResourceListParams, options?: CallOptions): ListCall<ResourceSummary>
    get(idOrSlug: string, options?: CallOptions): Promise<Resource>
    /** The same list as a JSON Feed 1.1 object (next_url pages it). */
    feed(params?: ResourceFeedParams, options?: CallOptions): Promise<ResourceFeed>
    /** The address of the webinars' iCalendar feed (the list's filters), for a calendar app to subscribe to. */
    calendarUrl(params?: WebinarCalendarParams): string
    /** The address of one webinar's iCalendar file, for an "Add to calendar" link. */
    webinarCalendarUrl(idOrSlug: string): string
  } & Writes<ResourceWrite, ResourcePatch, ResourceSource>
  vocabularies: {
    get(options?: CallOptions): Promise<Vocabularies>
  }
  petitions: {
    list(params?: PetitionListParams, options?: CallOptions): ListCall<Petition>
    get(idOrSlug: string, options?: CallOptions): Promise<Petition>
    count(idOrSlug: string, options?: CallOptions): Promise<PetitionCount>
    signatures(idOrSlug: string, params?: SignatureListParams, options?: CallOptions): ListCall<PublicSignature>
    /**
     * Signs: solves the API's proof-of-work first unless `body.altcha` already holds a solution (see
     * challenge.solve), and sends an idempotency key so that retries after a lost response sign once.
     */
    sign(idOrSlug: string, body: SignatureInput, options?: SignOptions): Promise<SignatureReceipt>
    /** Solves the challenge ahead of time (while the visitor types): spread the result into sign()'s body. */
    prepareSignature(idOrSlug: string, options?: CallOptions): Promise<{ altcha?: string }>
    /** The paper signature batches partners declared, newest first; `total` is what counts (apart from `signatureCount`). */
    paperSignatures(idOrSlug: string, options?: CallOptions): Promise<PaperSignatureBatchList>
    /** Adds signatures collected on paper, as the WeGov partner `organisationId` (its editor, or its key with content:write). */
    addPaperSignatures(organisationId: string, petitionId: string, body: PaperSignaturesInput, options?: WriteOptions): Promise<PaperSignatureBatch>
    /** Moderators: voids a paper batch with a reason (it stays listed, and stops counting). */
    voidPaperSignatures(petitionId: string, batchId: string, reason: string, options?: WriteOptions): Promise<PaperSignatureBatch>
    /** Records (or corrects) the official response, for the petition's organisation or a partner; the first one emails the signers who asked. */
    recordResponse(organisationId: string, petitionId: string, body: PetitionResponseInput, options?: WriteOptions): Promise<PetitionResponseRecorded>
  }
  signatures: {
    confirm(body: ConfirmSignatureInput, options?: CallOptions): Promise<ConfirmSignatureResult>
    withdraw(body: WithdrawSignatureInput, options?: CallOptions): Promise<WithdrawSignatureResult>
  }
  challenge: {
    get(options?: CallOptions): Promise<Challenge>
    /** Fetches a challenge and solves it: the `altcha` value for a signature. */
    solve(options?: CallOptions): Promise<string>
  }
  /**
   * Signing in. The session is a cookie: in a browser, only a client on WeGov's origin with
   * `credentials: 'include'` (the console) keeps it.
   */
  auth: {
    /** Emails a code and a link; the same answer whether or not the address has an account. */
    requestCode(body: SignInCodeRequest, options?: WriteOptions): Promise<SignInCodeSent>
    verifyCode(body: { email: string; code: string }, options?: WriteOptions): Promise<Me>
    /** The token of the emailed link. */
    verifyToken(token: string, options?: WriteOptions): Promise<Me>
    signOut(options?: WriteOptions): Promise<void>
    /** A challenge for navigator.credentials.get() with any passkey of this site. */
    passkeyOptions(options?: WriteOptions): Promise<PasskeySignInOptions>
    verifyPasskey(body: PasskeySignInInput, options?: WriteOptions): Promise<Me>
  }
  /** The signed-in person's own account (an API key gets WEGOV_FORBIDDEN). */
  me: {
    get(options?: CallOptions): Promise<Me>
    update(body: UpdateMeInput, options?: WriteOptions): Promise<Me>
    sessions(options?: CallOptions): Promise<Items<Session>>
    revokeSession(sessionId: string, options?: WriteOptions): Promise<void>
    /** Signs out everywhere, this session included. */
    revokeAllSessions(options?: WriteOptions): Promise<void>
    /** Options for navigator.credentials.create(), with the challengeId addPasskey sends back. */
    passkeyOptions(options?: WriteOptions): Promise<PasskeyRegistrationOptions>
    addPasskey(body: AddPasskeyInput, options?: WriteOptions): Promise<Passkey>
    passkeys(options?: CallOptions): Promise<Items<Passkey>>
    removePasskey(passkeyId: string, options?: WriteOptions): Promise<void>
  }
  /** An invitation link's token, for the person signed in with the invited address. */
  invitations: {
    get(token: string, options?: CallOptions): Promise<InvitationPreview>
    accept(token: string, options?: WriteOptions): Promise<InvitationAccepted>
  }
  /** Requests to register an organisation: anyone signed in submits, admins decide. */
  applications: {
    submit(body: ApplicationInput, options?: WriteOptions): Promise<Application>
    /** Admins: all of them (by status); others: their own. */
    list(params?: ApplicationListParams, options?: CallOptions): Promise<Items<Application>>
    approve(applicationId: string, options?: WriteOptions): Promise<Application>
    decline(applicationId: string, reason: string, options?: WriteOptions): Promise<Application>
  }
  /**
   * Launching a petition: anyone signed in drafts one (an organisation's with organisationId); a citizen's then
   * collects sponsors through its private link (sponsor() below) before moderators review it.
   */
  launches: {
    draft(body: PetitionDraftInput, options?: WriteOptions): Promise<LaunchedPetition>
    /** The petitions I drafted, in every state. */
    list(options?: CallOptions): Promise<Items<LaunchedPetition>>
    /** An organisation's petitions in every state (its editors and owners). */
    listOfOrganisation(organisationId: string, options?: CallOptions): Promise<Items<LaunchedPetition>>
    get(petitionId: string, options?: CallOptions): Promise<LaunchedPetition>
    update(petitionId: string, patch: PetitionDraftPatch, options?: WriteOptions): Promise<LaunchedPetition>
    submit(petitionId: string, options?: WriteOptions): Promise<LaunchedPetition>
    withdraw(petitionId: string, options?: WriteOptions): Promise<LaunchedPetition>
    /** Closes an open petition now, before its closing date: it stops taking signatures. */
    close(petitionId: string, options?: WriteOptions): Promise<LaunchedPetition>
    /** The petition a sponsor link is for. */
    sponsorLink(token: string, options?: CallOptions): Promise<SponsorPage>
    /** Sponsors it through its link: signing, with the same proof of work and double opt-in. */
    sponsor(token: string, body: SignatureInput, options?: SignOptions): Promise<SignatureReceipt>
  }
  /** Platform moderators and admins: the petitions awaiting moderation. */
  moderation: {
    petitions(options?: CallOptions): Promise<Items<LaunchedPetition>>
    claim(petitionId: string, options?: WriteOptions): Promise<LaunchedPetition>
    approve(petitionId: string, options?: WriteOptions): Promise<LaunchedPetition>
    reject(petitionId: string, rejection: PetitionRejection, options?: WriteOptions): Promise<LaunchedPetition>
    correct(petitionId: string, patch: PetitionDraftPatch, options?: WriteOptions): Promise<LaunchedPetition>
    /** Signatures held back by a burst, oldest first (the settling job invalidates them after 24 hours). */
    flaggedSignatures(params?: { petitionId?: string; limit?: number }, options?: CallOptions): Promise<FlaggedSignatureList>
    releaseSignatures(ids: string[], options?: WriteOptions): Promise<{ changed: number }>
    invalidateSignatures(ids: string[], reason?: string, options?: WriteOptions): Promise<{ changed: number }>
  }
  /** Admins: people and their platform roles. */
  people: {
    search(email: string, options?: CallOptions): Promise<Items<PersonSummary>>
    /** null takes the role away; the last admin cannot lose it (WEGOV_LAST_ADMIN). */
    setPlatformRole(personId: string, role: PlatformRole | null, options?: WriteOptions): Promise<PersonSummary>
  }
  /** An organisation's keys, for its owners and admins. */
  apiKeys: {
    list(organisationId: string, options?: CallOptions): Promise<Items<ApiKey>>
    /** `secret` is in this answer only. */
    create(organisationId: string, body: CreateApiKeyInput, options?: WriteOptions): Promise<NewApiKey>
    revoke(organisationId: string, keyId: string, options?: WriteOptions): Promise<void>
  }
  /** An organisation's webhook endpoints and their delivery logs, for its owners and admins. */
  webhooks: {
    list(organisationId: string, options?: CallOptions): Promise<Items<Webhook>>
    /** `secret` is in this answer only. */
    create(organisationId: string, body: CreateWebhookInput, options?: WriteOptions): Promise<WebhookWithSecret>
    update(organisationId: string, webhookId: string, body: UpdateWebhookInput, options?: WriteOptions): Promise<Webhook>
    /** A new secret, in this answer only. */
    rotateSecret(organisationId: string, webhookId: string, options?: WriteOptions): Promise<WebhookWithSecret>
    delete(organisationId: string, webhookId: string, options?: WriteOptions): Promise<void>
    /** The delivery log, newest first: await it for a page, or iterate it for every delivery. */
    deliveries(organisationId: string, webhookId: string, params?: WebhookDeliveryParams, options?: CallOptions): ListCall<WebhookDelivery>
    redeliver(organisationId: string, webhookId: string, deliveryId: string, options?: WriteOptions): Promise<WebhookRedelivery>
  }
  /** Who changed what: admins read everything, owners their organisation's. */
  files: {
    /** Uploads a document (PDF, office files, images) for the library; `onProgress` in browsers. */
    upload(organisationId: string, file: Blob, options?: UploadOptions): Promise<UploadedFile>
  }
  audit: {
    list(params?: AuditParams, options?: CallOptions): ListCall<AuditEvent>
    listForOrganisation(organisationId: string, params?: OrganisationAuditParams, options?: CallOptions): ListCall<AuditEvent>
  }
  /** The public change feed (GET /v1/changes): in order, resumable from a cursor, each item once per catch-up. */
  changes: {
    /** One page from `since` (a cursor; without it, the feed's start). */
    page(params?: ChangeParams, options?: CallOptions): Promise<ChangePage>
    /** Every change from `since` until caught up, page after page (await it for the first page). */
    list(params?: Omit<ChangeParams, 'limit'> & { limit?: number }, options?: CallOptions): ListCall<Change>
  }
  /** Who the API takes this client for: a person, a key (and its organisation and scopes) or nobody. */
  whoami(options?: CallOptions): Promise<Whoami>
}

/**
 * ```ts
 * const wegov = createClient({ baseUrl: 'https://wegov.example.org', lang: 'ar' })
 * for await (const project of wegov.projects.list({ country: 'TN' })) console.log(project.title.text)
 * ```
 */
export function createClient(options: ClientOptions): WeGovClient {
  const t = createTransport(options)
  /** A list call over one of the `…Page` operations: it follows nextCursor. */
  const list = <Params extends object, Item>(page: (params: Params & { cursor?: string }) => Promise<Page<Item>>, params?: Params): ListCall<Item> =>
    listCall((cursor) => page((cursor ? { ...params, cursor } : params) as Params))
  const solve = (callOptions?: CallOptions) => solveNewChallenge(t, callOptions)
  return {
    organisations: {
      list: (params, o) => list((p) => organisationsPage(t, p, o), params),
      get: (idOrSlug, o) => getOrganisation(t, idOrSlug, o),
      create: (body, o) => createOrganisation(t, body, o),
      profile: (id, o) => getOrganisationProfile(t, id, o),
      updateProfile: (id, body, o) => updateOrganisationProfile(t, id, body, o),
      members: (id, o) => listMembers(t, id, o),
      setMemberRole: (id, personId, role, o) => setMemberRole(t, id, personId, role, o),
      removeMember: (id, personId, o) => removeMember(t, id, personId, o),
      invite: (id, body, o) => inviteMember(t, id, body, o),
      invitations: (id, o) => listInvitations(t, id, o),
      revokeInvitation: (id, invitationId, o) => revokeInvitation(t, id, invitationId, o),
    },
    projects: {
      create: (organisationId, input, o) => createProject(t, organisationId, input, o),
      source: (id, o) => getProjectSource(t, id, o),
      update: (id, patch, o) => updateProject(t, id, patch, o),
      publish: (id, o) => updateProject(t, id, { state: 'published' }, o),
      unpublish: (id, o) => updateProject(t, id, { state: 'draft' }, o),
      remove: (id, o) => removeProject(t, id, o),
      restore: (id, o) => restoreProject(t, id, o),
      list: (params, o) => list((p) => projectsPage(t, p, o), params),
      get: (idOrSlug, o) => getProject(t, idOrSlug, o),
    },
    resources: {
      create: (organisationId, input, o) => createResource(t, organisationId, input, o),
      source: (id, o) => getResourceSource(t, id, o),
      update: (id, patch, o) => updateResource(t, id, patch, o),
      publish: (id, o) => updateResource(t, id, { state: 'published' }, o),
      unpublish: (id, o) => updateResource(t, id, { state: 'draft' }, o),
      remove: (id, o) => removeResource(t, id, o),
      restore: (id, o) => restoreResource(t, id, o),
      list: (params, o) => list((p) => resourcesPage(t, p, o), params),
      get: (idOrSlug, o) => getResource(t, idOrSlug, o),
      feed: (params, o) => getResourceFeed(t, params, o),
      calendarUrl: (params) => webinarCalendarUrl(t, params),
      webinarCalendarUrl: (idOrSlug) => webinarCalendarFileUrl(t, idOrSlug),
    },
    vocabularies: { get: (o) => getVocabularies(t, o) },
    petitions: {
      list: (params, o) => list((p) => petitionsPage(t, p, o), params),
      get: (idOrSlug, o) => getPetition(t, idOrSlug, o),
      count: (idOrSlug, o) => getPetitionCount(t, idOrSlug, o),
      signatures: (idOrSlug, params, o) => list((p) => petitionSignaturesPage(t, idOrSlug, p, o), params),
      sign: (idOrSlug, body, o) => signPetition(t, idOrSlug, body, o),
      prepareSignature: async (_idOrSlug, o) => ({ altcha: await solve(o) }),
      paperSignatures: (idOrSlug, o) => listPaperSignatures(t, idOrSlug, o),
      addPaperSignatures: (organisationId, petitionId, body, o) => addPaperSignatures(t, organisationId, petitionId, body, o),
      voidPaperSignatures: (petitionId, batchId, reason, o) => voidPaperSignatures(t, petitionId, batchId, reason, o),
      recordResponse: (organisationId, petitionId, body, o) => recordPetitionResponse(t, organisationId, petitionId, body, o),
    },
    signatures: {
      confirm: (body, o) => confirmSignature(t, body, o),
      withdraw: (body, o) => withdrawSignature(t, body, o),
    },
    challenge: { get: (o) => getChallenge(t, o), solve },
    auth: {
      requestCode: (body, o) => requestSignInCode(t, body, o),
      verifyCode: (body, o) => verifySignInCode(t, body, o),
      verifyToken: (token, o) => verifySignInToken(t, token, o),
      signOut: (o) => signOut(t, o),
      passkeyOptions: (o) => passkeySignInOptions(t, o),
      verifyPasskey: (body, o) => verifyPasskeySignIn(t, body, o),
    },
    me: {
      get: (o) => getMe(t, o),
      update: (body, o) => updateMe(t, body, o),
      sessions: (o) => listMySessions(t, o),
      revokeSession: (id, o) => revokeMySession(t, id, o),
      revokeAllSessions: (o) => revokeAllMySessions(t, o),
      passkeyOptions: (o) => passkeyRegistrationOptions(t, o),
      addPasskey: (body, o) => addMyPasskey(t, body, o),
      passkeys: (o) => listMyPasskeys(t, o),
      removePasskey: (id, o) => removeMyPasskey(t, id, o),
    },
    invitations: {
      get: (token, o) => getInvitation(t, token, o),
      accept: (token, o) => acceptInvitation(t, token, o),
    },
    applications: {
      submit: (body, o) => submitApplication(t, body, o),
      list: (params, o) => listApplications(t, params, o),
      approve: (id, o) => approveApplication(t, id, o),
      decline: (id, reason, o) => declineApplication(t, id, reason, o),
    },
    launches: {
      draft: (body, o) => draftPetition(t, body, o),
      list: (o) => listMyPetitions(t, o),
      listOfOrganisation: (id, o) => listOrganisationPetitions(t, id, o),
      get: (id, o) => getMyPetition(t, id, o),
      update: (id, patch, o) => updatePetitionDraft(t, id, patch, o),
      submit: (id, o) => submitPetition(t, id, o),
      withdraw: (id, o) => withdrawPetition(t, id, o),
      close: (id, o) => closePetition(t, id, o),
      sponsorLink: (token, o) => getSponsorLink(t, token, o),
      sponsor: (token, body, o) => sponsorPetition(t, token, body, o),
    },
    moderation: {
      petitions: (o) => listPetitionsToModerate(t, o),
      claim: (id, o) => claimPetition(t, id, o),
      approve: (id, o) => approvePetition(t, id, o),
      reject: (id, rejection, o) => rejectPetition(t, id, rejection, o),
      correct: (id, patch, o) => correctPetition(t, id, patch, o),
      flaggedSignatures: (params, o) => listFlaggedSignatures(t, params, o),
      releaseSignatures: (ids, o) => settleFlaggedSignatures(t, 'release', ids, undefined, o),
      invalidateSignatures: (ids, reason, o) => settleFlaggedSignatures(t, 'invalidate', ids, reason, o),
    },
    people: {
      search: (email, o) => searchPeople(t, email, o),
      setPlatformRole: (id, role, o) => setPlatformRole(t, id, role, o),
    },
    apiKeys: {
      list: (organisationId, o) => listApiKeys(t, organisationId, o),
      create: (organisationId, body, o) => createApiKey(t, organisationId, body, o),
      revoke: (organisationId, keyId, o) => revokeApiKey(t, organisationId, keyId, o),
    },
    webhooks: {
      list: (organisationId, o) => listWebhooks(t, organisationId, o),
      create: (organisationId, body, o) => createWebhook(t, organisationId, body, o),
      update: (organisationId, webhookId, body, o) => updateWebhook(t, organisationId, webhookId, body, o),
      rotateSecret: (organisationId, webhookId, o) => rotateWebhookSecret(t, organisationId, webhookId, o),
      delete: (organisationId, webhookId, o) => deleteWebhook(t, organisationId, webhookId, o),
      deliveries: (organisationId, webhookId, params, o) => list((p) => webhookDeliveriesPage(t, organisationId, webhookId, p, o), params),
      redeliver: (organisationId, webhookId, deliveryId, o) => redeliverWebhook(t, organisationId, webhookId, deliveryId, o),
    },
    files: { upload: (organisationId, file, o) => uploadFile(t, organisationId, file, o) },
    audit: {
      list: (params, o) => list((p) => auditPage(t, p, o), params),
      listForOrganisation: (id, params, o) => list((p) => organisationAuditPage(t, id, p, o), params),
    },
    changes: {
      page: (params, o) => changesPage(t, params, o),
      // The feed's cursor parameter is `since`: each next page asks from the previous page's nextCursor.
      list: (params, o) => listCall((cursor) => changesPage(t, cursor ? { ...params, since: cursor } : params, o)),
    },
    whoami: (o) => whoami(t, o),
  }
}
