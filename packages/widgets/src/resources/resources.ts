import { WeGovResources } from './resources.component.js'

export { WeGovResources }
export default WeGovResources

// A page may load the bundle twice (two snippets, two versions): the first definition wins.
if (!customElements.get('wegov-resources')) customElements.define('wegov-resources', WeGovResources)

declare global {
  interface HTMLElementTagNameMap {
    'wegov-resources': WeGovResources
  }
}
