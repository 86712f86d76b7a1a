import { css } from 'lit'
import { baseStyles } from '../shared/base-styles.js'
import { listStyles } from '../shared/list-styles.js'

export const styles = [
  baseStyles,
  listStyles,
  css`
    .section-title {
      margin-block-start: calc(var(--_space) * 0.5);
    }
    .items {
      list-style: none;
      margin: 0;
      padding: 0;
      display: grid;
      gap: var(--_space);
      /* A video that opens its player grows alone; its neighbours in the row keep their own height. */
      align-items: start;
    }
    /* Items differ by kind (a webinar, a video, a document): a common minimum keeps the skeleton's height. */
    .item,
    .skeleton--item {
      min-block-size: 14em;
    }
    .item {
      display: flex;
      flex-direction: column;
      align-items: flex-start;
      gap: 0.4em;
      padding: calc(var(--_space) * 0.75);
      background: var(--_surface);
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
    }
    .item__title {
      font-weight: 700;
      font-size: 1.05em;
    }
    .item__badges {
      display: flex;
      flex-wrap: wrap;
      gap: 0.3em;
    }
    .item__summary {
      display: -webkit-box;
      -webkit-box-orient: vertical;
      -webkit-line-clamp: 3;
      overflow: hidden;
    }
    .item__when {
      font-weight: 600;
    }
    .item > :last-child {
      margin-block-start: auto;
    }
    .video {
      inline-size: 100%;
    }
    .video iframe {
      display: block;
      inline-size: 100%;
      aspect-ratio: 16 / 9;
      border: 0;
      border-radius: calc(var(--_radius) / 2);
    }
    /* An upcoming webinar's join and calendar links, side by side while they fit. */
    .actions {
      display: flex;
      flex-wrap: wrap;
      gap: 0.4em;
    }
    .video--facade {
      display: flex;
      flex-direction: column;
      align-items: flex-start;
      gap: 0.3em;
    }
    .skeleton--title {
      block-size: 1.65em;
      inline-size: 50%;
    }
    .skeleton--filters {
      block-size: 10em;
    }
    @container wegov (min-width: 36rem) {
      .filters {
        grid-template-columns: 1fr 2fr;
      }
      .skeleton--filters {
        block-size: 4.45em;
      }
      .items {
        grid-template-columns: repeat(2, 1fr);
      }
    }
    @container wegov (min-width: 58rem) {
      .items {
        grid-template-columns: repeat(3, 1fr);
      }
    }
  `,
]
