import t from 'tap'
import { buildTestApp } from './helpers/test-app.js'

t.test('GET /v1/vocabularies labels every filter value in the reader’s language', async (t) => {
  const app = await buildTestApp(t)
  const byLang: Record<string, Record<string, { code: string; label: string }[]>> = {}
  for (const lang of ['ar', 'fr', 'en']) {
    const res = await app.inject({ url: `/v1/vocabularies?lang=${lang}` })
    t.equal(res.statusCode, 200)
    t.equal(res.headers['content-language'], lang)
    byLang[lang] = res.json()
  }
  const names = ['projectStatuses', 'participationRoles', 'themes', 'organisationKinds', 'collections', 'resourceKinds', 'petitionStatuses']
  t.same(Object.keys(byLang.en!).sort(), [...names].sort(), 'every vocabulary is served')
  for (const name of names) {
    const codes = byLang.en![name]!.map((term) => term.code)
    t.ok(codes.length > 0, `${name} has terms`)
    for (const lang of ['ar', 'fr']) {
      t.same(byLang[lang]![name]!.map((term) => term.code), codes, `${name} has the same codes in ${lang}`)
      t.ok(byLang[lang]![name]!.every((term) => term.label.trim() !== ''), `${name} is labelled in ${lang}`)
    }
  }
  const arabic = byLang.ar!.themes!.find((term) => term.code === 'local-democracy')
  t.equal(arabic?.label, 'الديمقراطية المحلية')
  t.ok(byLang.ar!.petitionStatuses!.some((term) => term.code === 'open' && /[\u0600-\u06FF]/.test(term.label)))

  const negotiated = await app.inject({ url: '/v1/vocabularies', headers: { 'accept-language': 'ar-TN,ar;q=0.9,fr;q=0.5' } })
  t.equal(negotiated.headers['content-language'], 'ar', 'Accept-Language is honoured')

  const unsupported = await app.inject({ url: '/v1/vocabularies?lang=de' })
  t.equal(unsupported.statusCode, 400)
  t.equal(unsupported.json().code, 'WEGOV_UNSUPPORTED_LANGUAGE')
})
