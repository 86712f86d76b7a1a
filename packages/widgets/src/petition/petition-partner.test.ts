import { expect } from 'chai'
import { api, cleanup, fixtures, mount, nextEvent } from '../../test/browser-helpers.js'
import type { WeGovPetition } from './petition.component.js'
import './petition.js'

const { open, partner } = fixtures.petitions

async function mountPetition(attributes: string): Promise<WeGovPetition> {
  const element = mount<WeGovPetition>(`<wegov-petition api="${api}" petition="${open}" ${attributes}></wegov-petition>`)
  await nextEvent(element, 'wegov-loaded')
  await element.updateComplete
  return element
}

/** An unknown `partner` slug would lose the partner its credit without a sign: the embedder is told in the console, once per slug. */
describe('<wegov-petition partner> naming no organisation', () => {
  const original = console.warn
  let warnings: string[] = []
  beforeEach(() => {
    warnings = []
    console.warn = (...args: unknown[]) => void warnings.push(args.map(String).join(' '))
  })
  afterEach(() => {
    console.warn = original
    cleanup()
  })

  it('warns once per page and slug, however many widgets name it', async () => {
    await Promise.all([mountPetition('partner="no-such-partner" lang="fr"'), mountPetition('partner="no-such-partner" lang="ar"')])
    await mountPetition('partner="no-such-partner" lang="en"')
    expect(warnings).to.have.length(1)
    expect(warnings[0]).to.contain('partner="no-such-partner"').and.to.contain('not a registered organisation')

    await mountPetition('partner="another-unknown" lang="en"')
    expect(warnings).to.have.length(2)
    expect(warnings[1]).to.contain('partner="another-unknown"')
  })

  it('warns about a slug that cannot be one, and not about a registered partner', async () => {
    await mountPetition(`partner="${partner}" lang="fr"`)
    expect(warnings).to.deep.equal([])
    await mountPetition('partner="Not A Slug!" lang="fr"')
    expect(warnings).to.have.length(1)
    expect(warnings[0]).to.contain('partner="Not A Slug!"')
  })

  it('still shows the petition, ready to sign', async () => {
    const element = await mountPetition('partner="yet-another-unknown" lang="en"')
    expect(element.shadowRoot!.querySelector('[part~="sign"]')).to.not.equal(null)
  })
})
