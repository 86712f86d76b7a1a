// The signing form's messages in this language: see ../signing-messages.ts.
export { templates } from '../../generated/locales/fr.js'
