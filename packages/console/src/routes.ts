import { html, type TemplateResult } from 'lit'
import { msg } from '@lit/localize'
import './screens/sign-in-screen.js'
import './screens/sign-in-link-screen.js'
import './screens/account-screen.js'
import './screens/organisations-screen.js'
import './screens/organisation-profile-screen.js'
import './screens/members-screen.js'
import './screens/api-keys-screen.js'
import './screens/audit-screen.js'
import './screens/webhooks-screen.js'
import './screens/invitation-screen.js'
import './screens/apply-screen.js'
import './admin/admin-organisations-screen.js'
import './admin/admin-applications-screen.js'
import './admin/admin-roles-screen.js'
import './content/content-list-screen.js'
import './content/content-editor-screen.js'
import './petitions/my-petitions-screen.js'
import './petitions/petition-editor-screen.js'
import './petitions/moderation-screen.js'
import './petitions/flagged-signatures-screen.js'
import './petitions/correction-screen.js'
import './petitions/organisation-petitions-screen.js'
import './petitions/sponsor-screen.js'
import './petitions/petition-outcomes-screen.js'
import './petitions/organisation-petitions-screen.js'

/** Who may open a screen. The server decides every call; this only spares people screens they cannot use. */
export type Access = 'anyone' | 'person' | 'moderator' | 'admin'

export interface Route {
  path: RegExp
  access: Access
  /** The page's title; `params` are the path's, as render gets them. */
  title(params: string[]): string
  render(params: string[], query: URLSearchParams): TemplateResult
}

const ORG = '([0-9a-f-]{36})'
const ITEM = '([0-9a-f-]{36}|new)'

/** The list, new-item and editor screens of one content type. */
function contentRoutes(type: 'projects' | 'resources'): Route[] {
  return [
    {
      path: new RegExp(`^organisations/${ORG}/${type}$`),
      access: 'person',
      title: () => (type === 'projects' ? msg('Projects') : msg('Resources')),
      render: ([id]) => html`<wegov-content-list-screen .type=${type} .organisationId=${id!}></wegov-content-list-screen>`,
    },
    {
      path: new RegExp(`^organisations/${ORG}/${type}/${ITEM}$`),
      access: 'person',
      title: () => (type === 'projects' ? msg('Project editor') : msg('Resource editor')),
      render: ([id, item]) =>
        html`<wegov-content-editor-screen .type=${type} .organisationId=${id!} .itemId=${item === 'new' ? '' : item!}></wegov-content-editor-screen>`,
    },
  ]
}

/** Every console screen, by path under /console/. */
export const ROUTES: Route[] = [
  {
    path: /^sign-in$/,
    access: 'anyone',
    title: () => msg('Sign in'),
    render: (_p, query) =>
      query.has('token')
        ? html`<wegov-sign-in-link-screen .token=${query.get('token') ?? ''} .next=${query.get('next') ?? ''}></wegov-sign-in-link-screen>`
        : html`<wegov-sign-in-screen .next=${query.get('next') ?? ''}></wegov-sign-in-screen>`,
  },
  { path: /^account$/, access: 'person', title: () => msg('My account'), render: () => html`<wegov-account-screen></wegov-account-screen>` },
  {
    path: /^(?:organisations)?$/,
    access: 'person',
    title: () => msg('My organisations'),
    render: () => html`<wegov-organisations-screen></wegov-organisations-screen>`,
  },
  {
    path: new RegExp(`^organisations/${ORG}$`),
    access: 'person',
    title: () => msg('Organisation profile'),
    render: ([id]) => html`<wegov-organisation-profile-screen .organisationId=${id!}></wegov-organisation-profile-screen>`,
  },
  {
    path: new RegExp(`^organisations/${ORG}/members$`),
    access: 'person',
    title: () => msg('Members and invitations'),
    render: ([id]) => html`<wegov-members-screen .organisationId=${id!}></wegov-members-screen>`,
  },
  {
    path: new RegExp(`^organisations/${ORG}/api-keys$`),
    access: 'person',
    title: () => msg('API keys'),
    render: ([id]) => html`<wegov-api-keys-screen .organisationId=${id!}></wegov-api-keys-screen>`,
  },
  {
    path: new RegExp(`^organisations/${ORG}/webhooks$`),
    access: 'person',
    title: () => msg('Webhooks'),
    render: ([id]) => html`<wegov-webhooks-screen .organisationId=${id!}></wegov-webhooks-screen>`,
  },
  {
    path: new RegExp(`^organisations/${ORG}/audit$`),
    access: 'person',
    title: () => msg('Audit log'),
    render: ([id], query) => html`<wegov-audit-screen .organisationId=${id!} .query=${query}></wegov-audit-screen>`,
  },
  {
    path: new RegExp(`^organisations/${ORG}/petitions$`),
    access: 'person',
    title: () => msg('The organisation’s petitions'),
    render: ([id]) => html`<wegov-organisation-petitions-screen .organisationId=${id!}></wegov-organisation-petitions-screen>`,
  },
  ...contentRoutes('projects'),
  ...contentRoutes('resources'),
  {
    path: /^invitations\/accept$/,
    access: 'person',
    title: () => msg('Accept an invitation'),
    render: (_p, query) => html`<wegov-invitation-screen .token=${query.get('token') ?? ''}></wegov-invitation-screen>`,
  },
  {
    path: /^apply$/,
    access: 'person',
    title: () => msg('Apply to register an association'),
    render: () => html`<wegov-apply-screen></wegov-apply-screen>`,
  },
  {
    path: /^petitions$/,
    access: 'person',
    title: () => msg('My petitions'),
    render: () => html`<wegov-my-petitions-screen></wegov-my-petitions-screen>`,
  },
  {
    path: new RegExp(`^petitions/${ITEM}$`),
    access: 'person',
    title: ([id]) => (id === 'new' ? msg('Start a petition') : msg('My petition')),
    render: ([id]) => html`<wegov-petition-editor-screen .petitionId=${id === 'new' ? '' : id!}></wegov-petition-editor-screen>`,
  },
  {
    path: /^petitions\/([0-9a-f-]{36})\/outcomes$/,
    access: 'person',
    title: () => msg('Petition outcomes'),
    render: ([id]) => html`<wegov-petition-outcomes-screen .petitionId=${id!}></wegov-petition-outcomes-screen>`,
  },
  {
    // A sponsor is anyone the citizen sent the private link to: this one petition screen needs no sign-in.
    path: /^sponsor\/([A-Za-z0-9_-]{10,200})$/,
    access: 'anyone',
    title: () => msg('Sponsor a petition'),
    render: ([token]) => html`<wegov-sponsor-screen .token=${token!}></wegov-sponsor-screen>`,
  },
  {
    path: /^moderation$/,
    access: 'moderator',
    title: () => msg('Petitions to moderate'),
    render: () => html`<wegov-moderation-screen></wegov-moderation-screen>`,
  },
  {
    path: /^moderation\/flagged-signatures$/,
    access: 'moderator',
    title: () => msg('Held signatures'),
    render: () => html`<wegov-flagged-signatures-screen></wegov-flagged-signatures-screen>`,
  },
  {
    // By id (from the queue) or by slug (an open petition's public address).
    path: /^moderation\/petitions\/([A-Za-z0-9-]{1,200})\/correct$/,
    access: 'moderator',
    title: () => msg('Correct a petition’s text'),
    render: ([idOrSlug]) => html`<wegov-correction-screen .idOrSlug=${idOrSlug!}></wegov-correction-screen>`,
  },
  {
    path: /^admin\/organisations$/,
    access: 'admin',
    title: () => msg('Organisations'),
    render: () => html`<wegov-admin-organisations-screen></wegov-admin-organisations-screen>`,
  },
  {
    path: /^admin\/applications$/,
    access: 'admin',
    title: () => msg('Join applications'),
    render: () => html`<wegov-admin-applications-screen></wegov-admin-applications-screen>`,
  },
  {
    path: /^admin\/roles$/,
    access: 'admin',
    title: () => msg('Platform roles'),
    render: () => html`<wegov-admin-roles-screen></wegov-admin-roles-screen>`,
  },
  {
    path: /^admin\/audit$/,
    access: 'admin',
    title: () => msg('Audit log'),
    render: (_p, query) => html`<wegov-audit-screen .query=${query}></wegov-audit-screen>`,
  },
]

export function matchRoute(pathname: string): { route: Route; params: string[] } | undefined {
  const path = pathname.replace(/^\/console\/?/, '').replace(/\/+$/, '')
  for (const route of ROUTES) {
    const match = route.path.exec(path)
    if (match) return { route, params: match.slice(1) }
  }
  return undefined
}
