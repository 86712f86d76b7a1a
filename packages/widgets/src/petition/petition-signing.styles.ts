import { css } from 'lit'

/**
 * The signing form and the steps after it. They arrive with the signing flow (petition-signing.ts), which
 * adds them to the widget's styles when the visitor opens the form.
 */
export const signingStyles = css`
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
  textarea {
    font: inherit;
    color: var(--_text);
    background: var(--_bg);
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) / 2);
    padding-block: 0.4em;
    padding-inline: 0.6em;
    inline-size: 100%;
    min-block-size: 5.5em;
    resize: vertical;
  }
  .limit {
    margin: 0;
    color: var(--_danger);
    font-weight: 600;
  }
  .field--comment p {
    margin: 0;
  }
  input[aria-invalid='true'],
  select[aria-invalid='true'],
  textarea[aria-invalid='true'] {
    border-color: var(--_danger);
    border-width: 2px;
  }
  input[type='checkbox'],
  input[type='radio'] {
    inline-size: 1.25rem;
    block-size: 1.25rem;
    margin: 0;
    flex: none;
    accent-color: var(--_accent);
  }
  .error-text {
    color: var(--_danger);
    font-weight: 600;
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
  @container wegov (min-width: 36rem) {
    .form__grid {
      grid-template-columns: 1fr 1fr;
    }
    .submit {
      align-self: flex-start;
    }
  }
`
