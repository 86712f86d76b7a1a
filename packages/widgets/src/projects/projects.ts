import { WeGovProjects } from './projects.component.js'

export { WeGovProjects }
export default WeGovProjects

// A page may load the bundle twice (two snippets, two versions): the first definition wins.
if (!customElements.get('wegov-projects')) customElements.define('wegov-projects', WeGovProjects)

declare global {
  interface HTMLElementTagNameMap {
    'wegov-projects': WeGovProjects
  }
}
