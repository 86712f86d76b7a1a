import type { FastifyInstance, LightMyRequestResponse } from 'fastify'
import type { Test } from 'tap'
import type { Config } from '../../src/config.js'
import { signIn } from './accounts.js'
import { ORGANISATIONS, createFixtureOrganisations } from './content-fixtures.js'
import { multipartBody } from './file-samples.js'
import { grantMembership, organisationIdOf } from './roles.js'
import { buildTestApp, openTestDatabase } from './test-app.js'

/** What the console sends with a cookie write: its own origin (inject's Host is localhost:80). */
export const SAME_ORIGIN = { origin: 'http://localhost' }

export interface FilesWorld {
  app: FastifyInstance
  /** The NGO (editor's organisation) and the funder (another organisation). */
  orgA: string
  orgB: string
  /** Session cookies: an editor of orgA, an editor of orgB. */
  editorA: string
  editorB: string
  upload(organisationId: string, file: Buffer, name: string, auth?: Record<string, string>): Promise<LightMyRequestResponse>
}

/** An app with the fixture organisations, an editor in each of two, and no rate limits unless asked. */
export async function filesWorld(t: Test, config: Partial<Config> = {}): Promise<FilesWorld> {
  const database = await openTestDatabase(t)
  await createFixtureOrganisations(database.db)
  const app = await buildTestApp(t, { database, config: { rateLimit: false, jobIntervalSeconds: 3600, mailPollMs: 3_600_000, ...config } })
  const orgA = await organisationIdOf(app, ORGANISATIONS.ngo)
  const orgB = await organisationIdOf(app, ORGANISATIONS.funder)
  const editorA = await signIn(app, 'editor-a@example.org')
  await grantMembership(app, 'editor-a@example.org', orgA, 'editor')
  const editorB = await signIn(app, 'editor-b@example.org')
  await grantMembership(app, 'editor-b@example.org', orgB, 'editor')
  const upload = (organisationId: string, file: Buffer, name: string, auth: Record<string, string> = { cookie: editorA, ...SAME_ORIGIN }) => {
    const body = multipartBody(file, name)
    return app.inject({ method: 'POST', url: `/v1/organisations/${organisationId}/files`, headers: { ...body.headers, ...auth }, payload: body.payload })
  }
  return { app, orgA, orgB, editorA, editorB, upload }
}

/**
 * Offers an uploaded file (or none) as a resource's document the way every client does: the resource's
 * source for its ETag, then a merge patch `{ fileId }` with If-Match (a versioned, logged write).
 */
export async function attach(world: FilesWorld, resourceId: string, fileId: string | null, cookie = world.editorA): Promise<LightMyRequestResponse> {
  const headers = { cookie, ...SAME_ORIGIN }
  const source = await world.app.inject({ url: `/v1/resources/${resourceId}/source`, headers })
  if (source.statusCode !== 200) return source
  return world.app.inject({
    method: 'PATCH',
    url: `/v1/resources/${resourceId}`,
    headers: { ...headers, 'content-type': 'application/merge-patch+json', 'if-match': source.headers.etag as string },
    payload: JSON.stringify({ fileId }),
  })
}
