import { WeGovPetition } from './petition.component.js'

export { WeGovPetition }
export default WeGovPetition

// A page may load the bundle twice (two snippets, two versions): the first definition wins.
if (!customElements.get('wegov-petition')) customElements.define('wegov-petition', WeGovPetition)

declare global {
  interface HTMLElementTagNameMap {
    'wegov-petition': WeGovPetition
  }
}
