import t from 'tap'
import { createClient, type WeGovError } from '../src/index.js'
import { invitationToken, signedInClient } from './helpers/console-browser.js'
import { startApi } from './helpers/servers.js'

/* client.files.upload against the real API, as a partner server would call it (Node: fetch, no progress). */

t.test('a key with content:write uploads a document; a disguised page is refused with the catalogue code', async (t) => {
  const { app, baseUrl } = await startApi(t, { config: { adminEmails: ['admin@example.org'] } })
  const admin = await signedInClient(app, baseUrl, 'admin@example.org')
  const organisation = await admin.wegov.organisations.create({ name: { fr: 'Commune de Tozeur' }, kind: 'ngo', country: 'TN', originalLang: 'fr', ownerEmail: 'maire@example.org' })
  const owner = await signedInClient(app, baseUrl, 'maire@example.org')
  await owner.wegov.invitations.accept(await invitationToken(app, baseUrl, 'maire@example.org'))
  const key = await owner.wegov.apiKeys.create(organisation.id, { name: 'Sync', scopes: ['content:write'] })
  const server = createClient({ baseUrl, apiKey: key.secret })

  const png = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108000000003a7e9b550000000a49444154789c636000000002000148afa4710000000049454e44ae426082', 'hex') // a 1 × 1 greyscale PNG
  const progress: number[] = []
  const file = await server.files.upload(organisation.id, new Blob([png]), { name: 'logo.png', onProgress: (sent) => progress.push(sent) })
  t.match(file, { type: 'image/png', size: png.length, name: 'logo.png', url: new RegExp(`/v1/files/${file.id}$`) })
  t.same(progress, [], 'no progress events without XMLHttpRequest (fetch has none)')

  const refused = await server.files.upload(organisation.id, new Blob(['<html><script>x</script></html>']), { name: 'guide.pdf' }).then(
    () => undefined,
    (error: unknown) => error as WeGovError,
  )
  t.match(refused, { status: 415, code: 'WEGOV_UNSUPPORTED_FILE_TYPE' })
  const anonymous = await createClient({ baseUrl }).files.upload(organisation.id, new Blob([png]), { name: 'a.png' }).then(
    () => undefined,
    (error: unknown) => error as WeGovError,
  )
  t.match(anonymous, { status: 401, code: 'WEGOV_UNAUTHENTICATED' })
})
