import { request } from 'node:http'
import t from 'tap'
import { startPartnerSite } from '../../../examples/portal/server/partner-site.js'

/** The example partner site: a second origin whose snippets load WeGov from wherever it runs. */
t.test('the partner page names the running WeGov in its snippets', async (t) => {
  const site = await startPartnerSite({ port: 0, host: '127.0.0.1', wegovOrigin: 'http://127.0.0.1:4321' })
  t.teardown(() => site.close())
  const page = await fetch(`${site.url}/`)
  t.equal(page.status, 200)
  t.match(page.headers.get('content-type'), /^text\/html/)
  const html = await page.text()
  t.equal(html.match(/<script type="module" src="http:\/\/127\.0\.0\.1:4321\/widgets\/wegov\.js"><\/script>/g)?.length, 3, 'one snippet per widget')
  t.notMatch(html, 'localhost:3000')
  for (const tag of ['<wegov-petition lang="ar"', '<wegov-projects lang="fr"', '<wegov-resources lang="en"']) t.match(html, tag)

  const css = await fetch(`${site.url}/atgl.css`)
  t.equal(css.status, 200)
  const stylesheet = await css.text()
  for (const rule of ['* { all: unset; }', 'form { display: none !important; }', 'button { color: red !important;']) t.match(stylesheet, rule)
})

t.test("the snippets name WeGov's configured origin, never the request's Host", async (t) => {
  const site = await startPartnerSite({ port: 0, host: '127.0.0.1', wegovOrigin: 'https://wegov.example.org/' })
  t.teardown(() => site.close())
  const { port } = new URL(site.url)
  const html = await new Promise<string>((resolve, reject) => {
    request({ host: '127.0.0.1', port, path: '/', headers: { host: `evil.example:${port}` } }, (response) => {
      let body = ''
      response.setEncoding('utf8').on('data', (chunk: string) => (body += chunk)).on('end', () => resolve(body))
    }).on('error', reject).end()
  })
  t.match(html, 'src="https://wegov.example.org/widgets/wegov.js"')
  t.notMatch(html, 'evil.example')
})

t.test('?petition= embeds another petition in the snippet; anything but a slug or a UUID is refused', async (t) => {
  const site = await startPartnerSite({ port: 0, host: '127.0.0.1', wegovOrigin: 'http://127.0.0.1:4321' })
  t.teardown(() => site.close())
  const id = '0b5c2f4e-8a51-4a4e-9d0e-3f1c2a7b6d10'
  const html = await (await fetch(`${site.url}/?petition=${id}`)).text()
  t.match(html, `<wegov-petition lang="ar" petition="${id}" partner="atgl"`)
  t.notMatch(html, 'eclairage-public-oued-zitoun', 'the default petition is gone, its heading too')
  t.notMatch(html, 'وادي الزيتون')
  t.equal((await fetch(`${site.url}/?petition=${encodeURIComponent('x" onload="alert(1)')}`)).status, 400)
})
