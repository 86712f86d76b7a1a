import { expect } from 'chai'
import { warmUpIntl } from './intl-warm-up.js'

describe('Intl warm-up', () => {
  it('runs its formatters in a Web Worker, off the main thread', async () => {
    // False would mean the worker's script failed (a helper it lacks, a syntax error): the main thread would pay.
    expect(await warmUpIntl('ar')).to.equal(true)
  })
})
