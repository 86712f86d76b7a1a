import { css } from 'lit'
import { baseStyles } from '../shared/base-styles.js'
import { listStyles } from '../shared/list-styles.js'

export const styles = [
  baseStyles,
  listStyles,
  css`
    .filters {
      grid-template-columns: 1fr;
    }
    .cards {
      list-style: none;
      margin: 0;
      padding: 0;
      display: grid;
      grid-template-columns: 1fr;
      gap: var(--_space);
      /* A card that opens its details grows alone; its neighbours in the row keep their own height. */
      align-items: start;
    }
    /*
     * A closed card's height is known from its line counts: title and organisations are clamped to two
     * lines and reserve them, badges and dates take one each. The skeleton card is that height, so nothing
     * moves on load, and no card is stretched past its content.
     */
    .skeleton--card {
      /* Padding and border, two title lines (1.05em × 1.35), badges, two lines of organisations and one of
         dates (1.5em each), the toggle button, and the four gaps between them. */
      block-size: calc(1.5 * var(--_space) + 2px + 2.835em + 1.6em + 4.5em + 2.75rem + 1.6em);
    }
    .card {
      display: flex;
      flex-direction: column;
      gap: 0.4em;
      padding: calc(var(--_space) * 0.75);
      background: var(--_surface);
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
    }
    .card__title,
    .card__orgs {
      display: -webkit-box;
      -webkit-box-orient: vertical;
      -webkit-line-clamp: 2;
      overflow: hidden;
      min-block-size: calc(2lh);
    }
    .card__meta {
      display: flex;
      flex-wrap: wrap;
      gap: 0.3em;
      block-size: 1.6em;
      overflow: hidden;
    }
    .card__dates {
      min-block-size: 1lh;
    }
    .toggle {
      margin-block-start: auto;
      align-self: flex-start;
    }
    .details dl {
      margin: 0.5em 0 0;
    }
    .details dt {
      font-weight: 600;
    }
    .details dd {
      margin-inline-start: 0;
      margin-block-end: 0.5em;
    }
    .plain {
      list-style: none;
      margin: 0;
      padding: 0;
    }
    .skeleton--more {
      block-size: 2.75rem;
      inline-size: 12em;
      align-self: center;
    }
    .skeleton--title {
      block-size: 1.65em;
      inline-size: 60%;
    }
    .skeleton--filters {
      block-size: 21.5em;
    }
    .empty {
      padding-block: var(--_space);
    }
    @container wegov (min-width: 36rem) {
      .filters {
        grid-template-columns: repeat(3, 1fr);
      }
      .search {
        grid-column: 1 / -1;
      }
      .skeleton--filters {
        block-size: 10.5em;
      }
      .cards {
        grid-template-columns: repeat(2, 1fr);
      }
    }
    @container wegov (min-width: 58rem) {
      .filters {
        grid-template-columns: repeat(3, 1fr) 2fr;
      }
      .search {
        grid-column: auto;
      }
      .skeleton--filters {
        block-size: 4.45em;
      }
      .cards {
        grid-template-columns: repeat(3, 1fr);
      }
    }
  `,
]
