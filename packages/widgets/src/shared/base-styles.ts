import { css, unsafeCSS } from 'lit'

/**
 * Design tokens, shared primitives (buttons, fields, focus, skeleton) and the defensive host rules.
 * Only `--wegov-*` custom properties and ::part names are public; `--_*` are internal.
 */
const light = {
  bg: '#ffffff',
  surface: '#f4f6f8',
  text: '#1b1f24',
  muted: '#4f5864',
  border: '#7f8894',
  accent: '#0b5cad',
  'on-accent': '#ffffff',
  danger: '#a4151e',
  success: '#1d6b2d',
  focus: '#0b5cad',
}
const dark: typeof light = {
  bg: '#16191d',
  surface: '#22262c',
  text: '#eef1f4',
  muted: '#b6bec8',
  border: '#7d8794',
  accent: '#8cc2ff',
  'on-accent': '#0b1726',
  danger: '#ff9c9c',
  success: '#8fdc9f',
  focus: '#8cc2ff',
}
const palette = (colors: typeof light) =>
  unsafeCSS(Object.entries(colors).map(([name, value]) => `--_${name}: var(--wegov-color-${name}, ${value});`).join(''))

export const baseStyles = css`
  /* A host page may style the host element itself (* { all: unset }): only !important rules inside the
     shadow tree win over the page's normal rules, so the few that keep the layout are marked so. */
  :host {
    display: block !important;
    box-sizing: border-box !important;
    max-inline-size: 100% !important;
    /* Inherited text properties cross the shadow boundary: a partner's word-spacing, letter-spacing or
       uppercase on the section around the widget would reach every word inside it. Reset here, once, for
       every widget; !important so that a page rule on the host (* { all: unset }) cannot hand them down. */
    word-spacing: normal !important;
    letter-spacing: normal !important;
    text-transform: none !important;
    line-height: 1.5 !important;
    font-style: normal !important;
    text-indent: 0 !important;
    text-align: start !important;
    ${palette(light)}
    --_font: var(--wegov-font-family, system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', 'Noto Naskh Arabic', Tahoma, sans-serif);
    --_size: var(--wegov-font-size, 1rem);
    --_radius: var(--wegov-radius, 0.5rem);
    --_space: var(--wegov-space, 1rem);
  }
  :host([hidden]) {
    display: none !important;
  }
  :host([color-scheme='dark']) {
    ${palette(dark)}
  }
  @media (prefers-color-scheme: dark) {
    :host(:not([color-scheme='light'])) {
      ${palette(dark)}
    }
  }
  *,
  *::before,
  *::after {
    box-sizing: border-box;
  }
  /* Every widget is a column of blocks. */
  .base {
    display: flex;
    flex-direction: column;
    gap: var(--_space);
    container: wegov / inline-size;
    font-family: var(--_font);
    font-size: var(--_size);
    line-height: 1.5;
    color: var(--_text);
    background: var(--_bg);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: var(--_space);
    text-align: start;
    overflow-wrap: anywhere;
  }
  h2,
  h3,
  p {
    margin: 0;
  }
  h2 {
    font-size: 1.25em;
    line-height: 1.3;
  }
  h3 {
    font-size: 1.05em;
    line-height: 1.35;
  }
  a {
    color: var(--_accent);
  }
  :focus-visible {
    outline: 3px solid var(--_focus);
    outline-offset: 2px;
  }
  .muted {
    color: var(--_muted);
  }
  .button {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    gap: 0.4em;
    min-block-size: 2.75rem;
    min-inline-size: 2.75rem;
    padding-block: 0.5em;
    padding-inline: 1em;
    font: inherit;
    font-weight: 600;
    color: var(--_on-accent);
    background: var(--_accent);
    border: 2px solid var(--_accent);
    border-radius: var(--_radius);
    cursor: pointer;
    text-decoration: none;
    white-space: nowrap;
    flex: none;
  }
  .button--secondary {
    color: var(--_accent);
    background: transparent;
  }
  .button[disabled] {
    cursor: not-allowed;
    opacity: 0.7;
  }
  .field {
    display: flex;
    flex-direction: column;
    gap: 0.25em;
  }
  .field label,
  .label {
    font-weight: 600;
  }
  input:not([type='checkbox']):not([type='radio']),
  select {
    font: inherit;
    color: var(--_text);
    background: var(--_bg);
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) / 2);
    min-block-size: 2.75rem;
    padding-block: 0.4em;
    padding-inline: 0.6em;
    inline-size: 100%;
  }
  .skeleton {
    display: block;
    border-radius: calc(var(--_radius) / 2);
    background: var(--_surface);
    animation: wegov-pulse 1.5s ease-in-out infinite;
  }
  @keyframes wegov-pulse {
    50% {
      opacity: 0.5;
    }
  }
  .problem {
    display: flex;
    flex-direction: column;
    align-items: flex-start;
    gap: 0.75em;
    padding: var(--_space);
    border-inline-start: 4px solid var(--_danger);
    background: var(--_surface);
  }
  /* Read by screen readers, not shown; the honeypot uses it too (a field bots fill in, people never see). */
  .visually-hidden {
    position: absolute !important;
    inline-size: 1px;
    block-size: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
  @media (prefers-reduced-motion: reduce) {
    *,
    *::before,
    *::after {
      animation: none !important;
      transition: none !important;
    }
  }
`
