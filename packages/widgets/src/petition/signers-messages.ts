import type { MessageLoaders } from '../shared/localize-controller.js'
import * as ar from './signers-locales/ar.js'
import * as fr from './signers-locales/fr.js'

/**
 * The latest public signers' messages (ids `signers.*`): not in the locale chunk every widget loads first, but in the chunk of the code that uses them
 * (petition-signers.ts, loaded only when needed), both languages (a few hundred bytes: less than a request). From
 * source each module of signers-locales/ is the whole language; the build keeps only these messages there
 * (rollup.config.mjs, scripts/split-messages.mjs).
 */
export const signersMessages: MessageLoaders = {
  ar: async () => ar,
  fr: async () => fr,
}
