import { initialLang } from './shared/lang.js'
import { useLang } from './shared/localization.js'
import { state } from './shared/state.js'
import './console-app.js'

/**
 * The console's entry: the page's language first (messages, lang, dir), then who is signed in, then the
 * shell. index.html holds only <wegov-console>: no inline script, under a strict Content-Security-Policy.
 */
const lang = initialLang()
state.setLang(lang)
await useLang(lang)
await state.refreshMe()
