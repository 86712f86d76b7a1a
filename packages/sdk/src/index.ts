/**
 * @wegov/sdk: the typed client of the WeGov API, for partner sites, partner servers and the widgets.
 * Types come from the API's OpenAPI document (src/generated/openapi.ts); nothing here imports the API.
 */
export { createClient } from './client.js'
export type { WeGovClient } from './client.js'
export { createTransport } from './transport.js'
export type { ClientOptions, Transport } from './transport.js'
export {
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
export { confirmSignature, getChallenge, signPetition, solveNewChallenge, withdrawSignature } from './signing.js'
export { addPaperSignatures, listPaperSignatures, recordPetitionResponse, voidPaperSignatures } from './petition-outcomes.js'
export type { SignOptions } from './signing.js'
export { solveChallenge } from './challenge.js'
export {
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
export type { CreateOptions, EditOptions, Edited } from './content-writes.js'
export {
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
export {
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
export { approveApplication, declineApplication, listApplications, searchPeople, setPlatformRole, submitApplication } from './platform-admin.js'
export { createApiKey, listApiKeys, revokeApiKey } from './api-keys.js'
export { createWebhook, deleteWebhook, listWebhooks, redeliverWebhook, rotateWebhookSecret, updateWebhook, webhookDeliveriesPage } from './webhooks.js'
export { auditPage, organisationAuditPage } from './audit.js'
export { uploadFile } from './files.js'
export type { UploadedFile, UploadOptions } from './files.js'
export { changesPage } from './changes.js'
export type { ListCall } from './list-call.js'
export {
  ConflictError,
  NetworkError,
  NotFoundError,
  RateLimitedError,
  ServerError,
  UnauthorisedError,
  ValidationError,
  WeGovError,
} from './errors.js'
export type { ApiErrorCode, ClientErrorCode, ErrorCode, NetworkCode } from './errors.js'
export type * from './types.js'
export type { components, operations, paths } from './generated/openapi.js'
