import { test } from 'tap'
import { draftBody, missingFields, modelOf, newModel, patchOf, similarQuery } from '../src/petitions/petition-model.js'
import type { LaunchedPetition } from '../src/shared/api-types.js'

/**
 * The petition form sends a new draft with only the languages written, then merge patches of only what
 * changed: one language of a text on its own, null to remove one. What it can tell before sending (the
 * original title, a theme, a whole-number goal, a date) is named by field id.
 */
const saved: LaunchedPetition = {
  id: '7d6f3a4e-0000-4000-8000-000000000001',
  slug: 'inara',
  status: 'draft',
  originalLang: 'ar',
  title: { text: 'إنارة الشوارع', lang: 'ar', dir: 'rtl' } as LaunchedPetition['title'],
  texts: { title: { ar: 'إنارة الشوارع', fr: 'Éclairage des rues' }, summary: { ar: 'ملخص' }, text: {}, authority: { ar: 'بلدية صفاقس' } },
  country: 'TN',
  themes: ['local-democracy'],
  goal: 500,
  closesAt: '2027-02-01T23:59:59.000Z',
  opensAt: null,
  organisationId: null,
  launcherName: 'سلمى',
  sponsors: { needed: 5, confirmed: null, token: null },
  moderation: { submittedAt: null, dueAt: null, claimedBy: null, decidedAt: null, rejectionCode: null, rejectionNote: null },
  createdAt: '2026-12-01T10:00:00.000Z',
  updatedAt: '2026-12-01T10:00:00.000Z',
}

test('a new draft sends the languages written, the goal as a number and the end of the closing day', async (t) => {
  const model = newModel('ar', new Date('2026-12-06T10:00:00Z'))
  t.equal(model.closesOn, '2027-01-31', 'eight weeks ahead by default')
  model.texts.title.ar = ' إنارة الشوارع '
  model.texts.summary.fr = 'Éclairage'
  model.themes = ['transparency']
  model.goal = '250'
  model.organisationId = '7d6f3a4e-0000-4000-8000-000000000009'
  t.same(draftBody(model), {
    originalLang: 'ar',
    title: { ar: 'إنارة الشوارع' },
    summary: { fr: 'Éclairage' },
    country: 'TN',
    themes: ['transparency'],
    goal: 250,
    closesAt: '2027-01-31T23:59:59.000Z',
    organisationId: '7d6f3a4e-0000-4000-8000-000000000009',
  })
})

test('a saved draft patches only what changed, a language emptied as null', async (t) => {
  const model = modelOf(saved)
  t.same(patchOf(modelOf(saved), model), {}, 'nothing changed, nothing sent')
  model.texts.title.fr = ''
  model.texts.text.en = '<p>Light</p>'
  model.goal = '800'
  model.closesOn = '2027-03-01'
  t.same(patchOf(modelOf(saved), model), {
    title: { fr: null },
    text: { en: '<p>Light</p>' },
    goal: 800,
    closesAt: '2027-03-01T23:59:59.000Z',
  })
})

test('what the form tells before sending', async (t) => {
  const model = newModel('fr')
  model.goal = '12.5'
  model.closesOn = ''
  t.same(missingFields(model), ['title-fr', 'themes', 'goal', 'closesAt'])
  t.same(missingFields(modelOf(saved)), [], 'a saved draft has them all')
})

test('similar petitions are searched by any of the title’s longer words', async (t) => {
  t.equal(similarQuery('إنارة عمومية في حي النصر'), 'إنارة or عمومية or النصر', 'short words left out')
  t.equal(similarQuery('Open the budget, open the BUDGET!'), 'open or budget', 'each word once, whatever its case')
  t.equal(similarQuery('Eau à Gap'), 'Eau à Gap', 'no long word: the title as it is')
})
