import { expect } from 'chai'
import { $, $$, api, cleanup, fixtures, mount, nextEvent, setUnreachable, until } from '../../test/browser-helpers.js'
import type { WeGovPetition } from './petition.component.js'
import './petition.js'

// A file of its own: the signing form is a chunk loaded on the first press of "Sign this petition", and
// once any test in a page has loaded it, it can no longer fail to load there.
describe('<wegov-petition> offline after the first render', () => {
  const signingChunk = '**/petition-signing.*'
  afterEach(async () => {
    await setUnreachable(signingChunk, false)
    cleanup()
  })

  it('keeps the button when the form cannot load, says why in the page language, and opens it once back online', async () => {
    const element = mount<WeGovPetition>(`<wegov-petition api="${api}" petition="${fixtures.petitions.open}" lang="ar"></wegov-petition>`)
    await nextEvent(element, 'wegov-loaded')
    await element.updateComplete

    await setUnreachable(signingChunk, true)
    const error = nextEvent<CustomEvent>(element, 'wegov-error')
    $(element, '[part~="sign"]').click()
    expect((await error).detail.code).to.equal('WEGOV_NETWORK')
    await element.updateComplete
    const problem = $(element, '[role="alert"]')
    expect(problem.dataset.problem).to.equal('offline')
    expect(problem.textContent).to.match(/[\u0600-\u06FF]/, 'the message is in Arabic, like the page')
    expect($$(element, '[part~="form"]')).to.have.length(0)
    expect($$(element, '[part~="sign"]')).to.have.length(1, 'the button stays')

    await setUnreachable(signingChunk, false)
    $(element, '[part~="sign"]').click()
    await until(() => $$(element, '[part~="form"]')[0])
    expect($$(element, '[role="alert"]')).to.have.length(0, 'the message goes once the form is open')
  })
})
