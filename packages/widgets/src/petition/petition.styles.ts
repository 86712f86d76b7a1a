import { css } from 'lit'
import { baseStyles } from '../shared/base-styles.js'

export const styles = [
  baseStyles,
  css`
    .head {
      display: flex;
      flex-direction: column;
      gap: 0.3em;
    }
    /* Title and summary take the lines their text needs, no more: no blank band under a short summary. */
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
    /* The button that opens the form; the form's own styles come with it (petition-signing.styles.ts). */
    .sign {
      align-self: stretch;
    }
    .skeleton-stack {
      display: flex;
      flex-direction: column;
      gap: var(--_space);
    }
    /*
     * The skeleton has the shape of a typical petition: a one-line title, target and launcher; a short
     * summary (one line of 1.05em × 1.5 in a wide widget, two in a narrow one); "Read the full text";
     * progress; "Sign". The loaded petition takes the lines its own text needs.
     */
    .skeleton--title {
      /* A title line (1.25em × 1.3), target and launcher lines, and the gaps between them. */
      block-size: 5.225em;
    }
    .skeleton--text {
      block-size: 3.15em;
    }
    .skeleton--progress {
      block-size: 6.8em;
    }
    .skeleton--button {
      block-size: 2.75rem;
      inline-size: 12em;
    }
    @container wegov (min-width: 36rem) {
      .sign {
        align-self: flex-start;
      }
      .skeleton--text {
        block-size: 1.575em;
      }
    }
  `,
]
