import type { MessageLoaders } from '../shared/localize-controller.js'
import * as ar from './video-locales/ar.js'
import * as fr from './video-locales/fr.js'

/**
 * The video player's messages (ids `video.*`): not in the locale chunk every widget loads first, but in the chunk of the code that uses them
 * (video-embed.ts, loaded only when needed), both languages (a few hundred bytes: less than a request). From
 * source each module of video-locales/ is the whole language; the build keeps only these messages there
 * (rollup.config.mjs, scripts/split-messages.mjs).
 */
export const videoMessages: MessageLoaders = {
  ar: async () => ar,
  fr: async () => fr,
}
