import { expect } from 'chai'
import { $, api, cleanup, mount, nextEvent } from '../../test/browser-helpers.js'
import { warmUpIntl } from './intl-warm-up.js'

/** A partner page whose Content-Security-Policy refuses workers: the widgets format as before, on their own thread. */
describe('Intl warm-up refused by the page', () => {
  before(() => {
    const policy = document.createElement('meta')
    policy.httpEquiv = 'Content-Security-Policy'
    policy.content = "worker-src 'none'"
    document.head.append(policy)
  })
  afterEach(cleanup)

  it('reports that no worker ran, and the widget still shows its formatted numbers', async () => {
    expect(await warmUpIntl('fr')).to.equal(false)
    await import('../wegov.js')
    const element = mount<HTMLElement & { updateComplete: Promise<unknown> }>(`<wegov-projects api="${api}" lang="fr" country="TN" limit="2"></wegov-projects>`)
    await nextEvent(element, 'wegov-loaded')
    await element.updateComplete
    expect($(element, '[aria-live]').textContent).to.match(/Projets affichés\s*:\s*\d/)
  })
})
