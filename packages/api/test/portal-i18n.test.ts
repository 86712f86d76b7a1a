import t from 'tap'
// @ts-expect-error a plain browser module of the portal, without type declarations
import { LANGS, MESSAGES, translator } from '../../../examples/portal/assets/i18n.js'

/** The portal's interface strings: complete in the three languages, with the same placeholders. */
const messages = MESSAGES as Record<string, Record<string, string>>
const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort()

t.test('every string exists in ar, fr and en, with the same placeholders', async (t) => {
  t.same(LANGS, ['ar', 'fr', 'en'])
  const keys = Object.keys(messages.en!).sort()
  for (const lang of ['ar', 'fr'] as const) t.same(Object.keys(messages[lang]!).sort(), keys, `${lang} has every key and no other`)
  for (const key of keys) {
    for (const lang of LANGS as string[]) {
      t.ok(messages[lang]![key]!.trim().length > 0, `${lang} ${key} is not empty`)
      t.same(placeholders(messages[lang]![key]!), placeholders(messages.en![key]!), `${lang} ${key} placeholders`)
    }
  }
})

t.test('the translator fills placeholders and shows an unknown key as itself', async (t) => {
  const ar = translator('ar') as (key: string, params?: Record<string, string>) => string
  t.equal(ar('petition.count', { count: '12', goal: '500' }), 'التوقيعات: 12 من أصل 500')
  t.equal(ar('no.such.key'), 'no.such.key')
})
