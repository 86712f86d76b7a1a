// The video player's messages in this language: see ../video-messages.ts.
export { templates } from '../../generated/locales/fr.js'
