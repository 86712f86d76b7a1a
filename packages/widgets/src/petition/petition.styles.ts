import { css } from 'lit'
import { baseStyles } from '../shared/base-styles.js'

export const styles = [
  baseStyles,
  css`
    .base {
      display: flex;
      flex-direction: column;
      gap: var(--_space);
    }
    .head {
      display: flex;
      flex-direction: column;
      gap: 0.3em;
    }
    .summary {
      font-size: 1.05em;
    }
    .link-button {
      align-self: flex-start;
      padding: 0.25em 0;
      min-block-size: 2.75rem;
      font: inherit;
      font-weight: 600;
      color: var(--_accent);
      background: none;
      border: 0;
      text-decoration: underline;
      cursor: pointer;
    }
    .rich > :first-child {
      margin-block-start: 0;
    }
    .progress {
      display: flex;
      flex-direction: column;
      gap: 0.4em;
      padding: calc(var(--_space) * 0.75);
      background: var(--_surface);
      border-radius: var(--_radius);
    }
    .progress__numbers {
      display: flex;
      flex-wrap: wrap;
      justify-content: space-between;
      gap: 0.5em;
    }
    .progress__count {
      font-size: 1.5em;
      font-weight: 700;
    }
    .progress__track {
      block-size: 0.75rem;
      background: var(--_bg);
      border: 1px solid var(--_border);
      border-radius: 999px;
      overflow: hidden;
    }
    .progress__bar {
      display: block;
      block-size: 100%;
      background: var(--_accent);
      transition: inline-size 0.8s ease-out;
    }
    .response {
      padding: calc(var(--_space) * 0.75);
      border-inline-start: 4px solid var(--_accent);
      background: var(--_surface);
    }
    .form,
    .code-form,
    .thanks {
      display: flex;
      flex-direction: column;
      gap: calc(var(--_space) * 0.75);
    }
    .form__grid {
      display: grid;
      gap: calc(var(--_space) * 0.75);
    }
    fieldset {
      margin: 0;
      padding: calc(var(--_space) * 0.5) calc(var(--_space) * 0.75);
      border: 1px solid var(--_border);
      border-radius: calc(var(--_radius) / 2);
      display: flex;
      flex-direction: column;
      gap: 0.5em;
    }
    legend {
      font-weight: 600;
      padding-inline: 0.25em;
    }
    .check {
      display: grid;
      grid-template-columns: auto 1fr;
      align-items: start;
      column-gap: 0.6em;
    }
    .check input {
      margin-block-start: 0.15em;
    }
    .check .error-text {
      grid-column: 2;
    }
    /* The honeypot: out of sight and out of the accessibility tree, but still a field bots fill in. */
    .honeypot {
      position: absolute !important;
      inline-size: 1px;
      block-size: 1px;
      overflow: hidden;
      clip-path: inset(50%);
      white-space: nowrap;
    }
    .submit {
      align-self: stretch;
    }
    .code-input {
      max-inline-size: 10em;
      font-size: 1.4em !important;
      letter-spacing: 0.3em;
      text-align: center;
    }
    .actions {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5em;
    }
    .thanks .step-title {
      color: var(--_success);
    }
    .step-title:focus {
      outline: none;
    }
    .step-title:focus-visible {
      outline: 3px solid var(--_focus);
    }
    .skeleton-stack {
      display: flex;
      flex-direction: column;
      gap: var(--_space);
    }
    .skeleton--title {
      block-size: 3.3em;
    }
    .skeleton--text {
      block-size: 3em;
    }
    .skeleton--progress {
      block-size: 7.5em;
    }
    .skeleton--form {
      block-size: 52em;
    }
    @container wegov (min-width: 36rem) {
      .form__grid {
        grid-template-columns: 1fr 1fr;
      }
      .submit {
        align-self: flex-start;
      }
      .skeleton--form {
        block-size: 42.3em;
      }
    }
  `,
]
