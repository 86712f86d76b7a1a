// The signers list's messages in this language: see ../signers-messages.ts.
export { templates } from '../../generated/locales/fr.js'
