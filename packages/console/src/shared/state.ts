import { ConsoleApi } from './api.js'
import type { Me } from './api-types.js'
import type { Lang } from './lang.js'

type Listener = () => void

/**
 * What every screen shares: the API client in the page's language, and the signed-in person (from GET
 * /v1/me: undefined while it loads, null when nobody is signed in). The nav reads the person's roles to
 * show what they may use; the server still decides every call.
 */
class ConsoleState {
  api!: ConsoleApi
  me: Me | null | undefined = undefined
  readonly #listeners = new Set<Listener>()

  setLang(lang: Lang): void {
    this.api = new ConsoleApi(location.origin, lang)
  }

  subscribe(listener: Listener): () => void {
    this.#listeners.add(listener)
    return () => void this.#listeners.delete(listener)
  }

  setMe(me: Me | null): void {
    this.me = me
    for (const listener of this.#listeners) listener()
  }

  /** Reads who is signed in again (after a sign-in, an accepted invitation, a changed name or role). */
  async refreshMe(): Promise<Me | null> {
    try {
      this.setMe(await this.api.me.get())
    } catch (error) {
      // 401: nobody is signed in. Any other failure also leaves the console signed out, not stuck loading.
      if ((error as { status?: number }).status !== 401) console.warn('GET /v1/me failed', error)
      this.setMe(null)
    }
    return this.me ?? null
  }

  get isAdmin(): boolean {
    return this.me?.platformRole === 'admin'
  }

  /** Platform moderators and admins moderate launched petitions. */
  get isModerator(): boolean {
    return this.me?.platformRole === 'moderator' || this.isAdmin
  }

  roleIn(organisationId: string): 'owner' | 'editor' | undefined {
    return this.me?.memberships.find((m) => m.organisation.id === organisationId)?.role
  }

  /** Whether the nav offers an organisation's owner screens (members' management, keys, audit log). */
  managesOrganisation(organisationId: string): boolean {
    return this.isAdmin || this.roleIn(organisationId) === 'owner'
  }
}

export const state = new ConsoleState()
