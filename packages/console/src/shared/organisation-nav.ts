import { html, nothing, type TemplateResult } from 'lit'
import { msg } from '@lit/localize'
import { BASE, href } from './router.js'
import { localized } from './screen.js'
import { state } from './state.js'

export type OrganisationPage = 'profile' | 'members' | 'projects' | 'resources' | 'petitions' | 'api-keys' | 'webhooks' | 'audit'

/**
 * The organisation's own screens, as far as the person's role there allows: members read the profile and
 * the members and edit its projects and resources; owners (and admins) also manage keys and webhooks and
 * read the audit log.
 */
export function organisationNav(organisationId: string, current: OrganisationPage): TemplateResult {
  const manages = state.managesOrganisation(organisationId)
  const base = `${BASE}organisations/${organisationId}`
  const link = (page: OrganisationPage, to: string, label: string) =>
    html`<li><a href=${href(to)} aria-current=${page === current ? 'page' : nothing}>${label}</a></li>`
  const name = organisationLabel(organisationId)
  return html`${name ? html`<p class="organisation-name">${name}</p>` : nothing}<nav class="subnav" aria-label=${msg('This organisation')}>
    <ul>
      ${link('profile', base, msg('Profile'))} ${link('members', `${base}/members`, msg('Members'))}
      ${link('projects', `${base}/projects`, msg('Projects'))} ${link('resources', `${base}/resources`, msg('Resources'))}
      ${link('petitions', `${base}/petitions`, msg('Petitions'))}
      ${manages ? html`${link('api-keys', `${base}/api-keys`, msg('API keys'))} ${link('webhooks', `${base}/webhooks`, msg('Webhooks'))}
            ${link('audit', `${base}/audit`, msg('Audit log'))}` : nothing}
    </ul>
  </nav>`
}

/** The organisation's name, from the person's memberships (admins may manage one they are not a member of). */
export function organisationLabel(organisationId: string): TemplateResult | string {
  const membership = state.me?.memberships.find((m) => m.organisation.id === organisationId)
  return membership ? localized(membership.organisation.name) : ''
}
