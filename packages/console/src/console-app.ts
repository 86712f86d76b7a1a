import { html, nothing, type TemplateResult } from 'lit'
import { keyed } from 'lit/directives/keyed.js'
import { msg } from '@lit/localize'
import { ConsoleElement } from './shared/console-element.js'
import { LANG_NAMES, LANGS, type Lang } from './shared/lang.js'
import { currentLang, useLang } from './shared/localization.js'
import { type Route, matchRoute } from './routes.js'
import { BASE, href, interceptLinks, mayLeave, navigate, onNavigate } from './shared/router.js'
import { state } from './shared/state.js'
import { toProblem, renderProblem } from './shared/problem.js'

/**
 * The console's shell: skip link, banner with the nav (only what the person's roles allow) and the language
 * switch, the current screen in <main>, and the page's title. On each navigation inside the console the
 * title changes and focus moves to the new screen's heading, so screen-reader and keyboard users know
 * where they are.
 */
export class ConsoleApp extends ConsoleElement {
  static override properties = { signOutProblem: { state: true } }
  declare signOutProblem: ReturnType<typeof toProblem> | undefined
  #moveFocus = false

  override connectedCallback(): void {
    super.connectedCallback()
    interceptLinks(this)
    onNavigate(() => {
      this.#moveFocus = true
      this.requestUpdate()
    })
    state.subscribe(() => this.requestUpdate())
  }

  protected override render(): TemplateResult {
    const url = new URL(location.href)
    const matched = matchRoute(url.pathname)
    let screen: unknown
    let title: string
    if (state.me === undefined) {
      title = msg('Loading…')
      screen = html`<p role="status" class="loading">${msg('Loading…')}</p>`
    } else if (!matched) {
      title = msg('Page not found')
      screen = html`<h1 id="screen-title" tabindex="-1">${title}</h1>
        <p>${msg('There is no console page at this address.')}</p>
        <p><a href=${href(BASE)}>${msg('Go to the console’s home page')}</a></p>`
    } else {
      const gate = this.#gate(matched.route, url, matched.params)
      title = matched.route.title(matched.params)
      screen = gate ?? keyed(`${currentLang()} ${url.pathname}${url.search}`, matched.route.render(matched.params, url.searchParams))
    }
    document.title = `${title} · ${msg('WeGov console')}`
    return html`<a class="skip-link" href="#main" @click=${this.#skipToContent}>${msg('Skip to content')}</a>
      <header class="banner">
        <div class="banner__top">
          <a class="brand" href=${href(state.me ? BASE : `${BASE}sign-in`)}>${msg('WeGov console')}</a>
          ${this.#languages()}
        </div>
        ${this.#nav(url.pathname)}
      </header>
      <main id="main" tabindex="-1">${screen}</main>
      <footer class="footer"><p><a href="/">${msg('WeGov public site')}</a></p></footer>`
  }

  protected override updated(): void {
    if (!this.#moveFocus) return
    this.#moveFocus = false
    // The screen renders its heading in its own first update, which follows this one.
    requestAnimationFrame(() => void this.#focusScreen())
  }

  /**
   * Focus on the new screen's heading (else <main>), once the screen has rendered. Checked again on the next
   * frame: a screen built again meanwhile (the address changed once more, the person's data arrived) takes
   * the focused heading with it, and the focus would be left on <body>.
   */
  async #focusScreen(again = true): Promise<void> {
    const screen = this.querySelector('main')?.firstElementChild
    if (screen instanceof ConsoleElement) await screen.updateComplete
    const heading = this.querySelector<HTMLElement>('main h1')
    ;(heading ?? this.querySelector<HTMLElement>('main'))?.focus()
    if (again) {
      requestAnimationFrame(() => {
        if (document.activeElement === null || document.activeElement === document.body) void this.#focusScreen(false)
      })
    }
  }

  /** Focus to the content without a `#main` in the address (a fragment change would count as a navigation). */
  #skipToContent(event: Event): void {
    event.preventDefault()
    this.querySelector<HTMLElement>('main')?.focus()
  }

  /** A screen's access rule: signed-out people go to sign-in (and come back), others see why not. */
  #gate(route: Route, url: URL, params: string[]): TemplateResult | undefined {
    if (route.access === 'anyone') return undefined
    if (!state.me) {
      const next = url.pathname + url.search
      queueMicrotask(() => navigate(`${BASE}sign-in?next=${encodeURIComponent(next)}`, { replace: true }))
      return html`<p role="status">${msg('Loading…')}</p>`
    }
    if (route.access === 'admin' && !state.isAdmin) {
      return html`<h1 id="screen-title" tabindex="-1">${route.title(params)}</h1>
        <p role="alert" class="problem">${msg('This page is for WeGov administrators only.')}</p>`
    }
    if (route.access === 'moderator' && !state.isModerator) {
      return html`<h1 id="screen-title" tabindex="-1">${route.title(params)}</h1>
        <p role="alert" class="problem">${msg('This page is for WeGov moderators only.')}</p>`
    }
    return undefined
  }

  #languages(): TemplateResult {
    const current = currentLang()
    return html`<nav class="languages" aria-label=${msg('Language')}>
      <ul>
        ${LANGS.map(
          (lang) => html`<li>
            <a href=${this.#langHref(lang)} lang=${lang} hreflang=${lang} aria-current=${lang === current ? 'true' : nothing}
              @click=${(event: Event) => this.#switchLang(event, lang)}>${LANG_NAMES[lang]}</a>
          </li>`,
        )}
      </ul>
    </nav>`
  }

  #langHref(lang: Lang): string {
    const url = new URL(location.href)
    url.searchParams.set('lang', lang)
    return url.pathname + url.search
  }

  async #switchLang(event: Event, lang: Lang): Promise<void> {
    event.preventDefault()
    event.stopPropagation()
    // The screen is built again in the new language: what it holds unsaved would be lost.
    if (!mayLeave()) return
    await useLang(lang)
    state.setLang(lang)
    this.requestUpdate()
  }

  #nav(pathname: string): TemplateResult | typeof nothing {
    const me = state.me
    const link = (to: string, label: string) => {
      const target = BASE + to
      const current = pathname.replace(/\/+$/, '') === target.replace(/\/+$/, '') || (to === 'organisations' && pathname === BASE)
      return html`<li><a href=${href(target)} aria-current=${current ? 'page' : nothing}>${label}</a></li>`
    }
    if (!me) return html`<nav class="nav" aria-label=${msg('Console')}><ul>${link('sign-in', msg('Sign in'))}</ul></nav>`
    return html`<nav class="nav" aria-label=${msg('Console')}>
      <ul>
        ${link('organisations', msg('My organisations'))} ${link('petitions', msg('My petitions'))} ${link('account', msg('My account'))}
        ${link('apply', msg('Apply to register an association'))}
      </ul>
      ${state.isModerator
        ? html`<p class="nav__group" id="moderation-nav">${msg('Moderation')}</p>
            <ul aria-labelledby="moderation-nav">
              ${link('moderation', msg('Petitions to moderate'))} ${link('moderation/flagged-signatures', msg('Held signatures'))}
            </ul>`
        : nothing}
      ${state.isAdmin
        ? html`<p class="nav__group" id="admin-nav">${msg('Administration')}</p>
            <ul aria-labelledby="admin-nav">
              ${link('admin/organisations', msg('Organisations'))} ${link('admin/applications', msg('Join applications'))}
              ${link('admin/roles', msg('Platform roles'))} ${link('admin/audit', msg('Audit log'))}
            </ul>`
        : nothing}
      <div class="nav__account">
        <span class="muted">${msg('Signed in as')} <bdi dir="ltr">${me.email}</bdi></span>
        <button type="button" class="button button--secondary" @click=${this.#signOut}>${msg('Sign out')}</button>
        ${renderProblem(this.signOutProblem, 'sign-out-problem')}
      </div>
    </nav>`
  }

  async #signOut(): Promise<void> {
    if (!mayLeave()) return
    this.signOutProblem = undefined
    try {
      await state.api.auth.signOut()
    } catch (error) {
      const problem = toProblem(error)
      // Already signed out (the session expired): the outcome asked for.
      if (problem.status !== 401) {
        this.signOutProblem = problem
        return
      }
    }
    state.setMe(null)
    navigate(`${BASE}sign-in`)
  }
}

customElements.define('wegov-console', ConsoleApp)
