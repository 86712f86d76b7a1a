import { expect } from 'chai'
import { html, render } from 'lit'
import { str } from '@lit/localize'
import { templates as arabic } from '../generated/locales/ar.js'
import { templates as french } from '../generated/locales/fr.js'
import { translate } from './localize-controller.js'

/**
 * The translations are complete: every message the widgets use has a target in ar.xlf and fr.xlf, the
 * targets are translated (not copies of the English source, except words that are the same in French),
 * and the committed locale modules were rebuilt from the XLIFF files.
 */
const SAME_IN_FRENCH = new Set(['projects.organisations', 'projects.budget', 'petition.signatures'])

interface Unit {
  id: string
  source: string
  target: string | null
}

async function readXliff(lang: 'ar' | 'fr'): Promise<Unit[]> {
  const text = await (await fetch(new URL(`../../xliff/${lang}.xlf`, import.meta.url))).text()
  const xml = new DOMParser().parseFromString(text, 'application/xml')
  return [...xml.querySelectorAll('trans-unit')].map((unit) => ({
    id: unit.getAttribute('id')!,
    source: unit.querySelector('source')!.textContent!.trim(),
    target: unit.querySelector('target')?.textContent?.trim() ?? null,
  }))
}

describe('translations', () => {
  for (const [lang, templates] of [['ar', arabic], ['fr', french]] as const) {
    it(`${lang}.xlf has a translated target for every message, and ${lang}.ts matches it`, async () => {
      const units = await readXliff(lang)
      expect(units.length).to.be.greaterThan(80)
      const missing = units.filter((u) => !u.target).map((u) => u.id)
      expect(missing, 'trans-units without a target').to.deep.equal([])
      const untranslated = units.filter((u) => u.target === u.source && !(lang === 'fr' && SAME_IN_FRENCH.has(u.id))).map((u) => u.id)
      expect(untranslated, 'targets identical to the English source').to.deep.equal([])
      // Explicit ids only: the per-widget lookup does not hash sources.
      expect(units.filter((u) => /^[sh][0-9a-f]{16}$/.test(u.id)).map((u) => u.id)).to.deep.equal([])
      expect(Object.keys(templates).sort()).to.deep.equal(units.map((u) => u.id).sort())
      if (lang === 'ar') expect(units.every((u) => /[\u0600-\u06FF]/.test(u.target!))).to.equal(true)
    })
  }

  it('looks messages up per call, so two languages can render on one page', () => {
    expect(translate(arabic, 'Try again', { id: 'action.retry' })).to.equal('حاول مرة أخرى')
    expect(translate(french, 'Try again', { id: 'action.retry' })).to.equal('Réessayer')
    expect(translate({}, 'Try again', { id: 'action.retry' })).to.equal('Try again')
    // Values land where the translation puts them.
    expect(translate(french, str`Goal: ${'500'}`, { id: 'petition.goal' })).to.equal('Objectif : 500')
    const host = document.createElement('div')
    render(translate(arabic, html`We sent a 6-digit code to <bdi>${'a@b.org'}</bdi>.`, { id: 'signing.code-sent' }), host)
    expect(host.querySelector('bdi')!.textContent).to.equal('a@b.org')
    expect(host.textContent).to.contain('أرسلنا رمزًا')
  })
})
