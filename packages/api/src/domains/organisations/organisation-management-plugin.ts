import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyError } from 'fastify'
import { type ErrorCode, WeGovError } from '../../errors.js'
import { applicationRoutes } from './application-routes.js'
import { invitationRoutes } from './invitation-routes.js'
import { membershipRoutes } from './membership-routes.js'
import { organisationAdminRoutes } from './organisation-admin-routes.js'
import { peopleRoutes } from './people-routes.js'
import { signedInTree } from '../accounts/signed-in-tree.js'

/** Body fields whose schema failures have a code of their own, that the console can explain. */
const BODY_FIELD_CODES: Record<string, ErrorCode> = {
  role: 'WEGOV_UNKNOWN_ROLE',
  country: 'WEGOV_INVALID_COUNTRY',
  email: 'WEGOV_INVALID_EMAIL',
  ownerEmail: 'WEGOV_INVALID_EMAIL',
  lang: 'WEGOV_UNSUPPORTED_LANGUAGE',
  ownerLang: 'WEGOV_UNSUPPORTED_LANGUAGE',
  originalLang: 'WEGOV_UNSUPPORTED_LANGUAGE',
}

/**
 * The console's organisation routes: profiles, members, invitations, join applications and platform roles
 * (under /v1). Their answers are private: no browser or shared cache keeps them.
 */
export const organisationManagementRoutes: FastifyPluginAsyncTypebox = async (app) => {
  signedInTree(app)
  app.addHook('onSend', async (_request, reply, payload) => {
    reply.header('cache-control', 'private, no-store')
    return payload
  })
  // A schema failure on a field with a code of its own becomes that code; the rest goes to the app's handler.
  app.setErrorHandler((error: FastifyError) => {
    throw specificValidationError(error) ?? error
  })
  await app.register(organisationAdminRoutes)
  await app.register(membershipRoutes)
  await app.register(invitationRoutes)
  await app.register(applicationRoutes)
  await app.register(peopleRoutes)
}

function specificValidationError(error: FastifyError): WeGovError | null {
  const issue = error.validation?.[0]
  if (!issue || issue.keyword === 'additionalProperties' || issue.keyword === 'required') return null
  const field = issue.instancePath.split('/')[1] ?? ''
  const errors = [{ field: issue.instancePath.replace(/^\//, '').replaceAll('/', '.') || String(error.validationContext), message: issue.message ?? issue.keyword }]
  // Every id in these routes' paths is a UUID.
  if (error.validationContext === 'params' && field !== 'token') return new WeGovError('WEGOV_INVALID_ID', { errors })
  const code = error.validationContext === 'body' ? BODY_FIELD_CODES[field] : undefined
  return code ? new WeGovError(code, { errors }) : null
}
