import type { MessageLoaders } from '../shared/localize-controller.js'

/**
 * The signing form's messages (ids `signing.*`, `form.*`, `error.*`), loaded with the form when a visitor
 * opens it rather than in the locale chunk every widget loads first. From source each module of
 * signing-locales/ is the whole language; the build keeps only these messages there and takes them out of
 * the widgets' locale chunk (rollup.config.mjs, scripts/split-messages.mjs).
 */
export const signingMessages: MessageLoaders = {
  ar: () => import('./signing-locales/ar.js'),
  fr: () => import('./signing-locales/fr.js'),
}
