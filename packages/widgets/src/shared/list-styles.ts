import { css } from 'lit'

/**
 * What the list widgets (projects, resources) share: filters, a search row, items with badges, a "load
 * more" row, and text only screen readers see.
 */
export const listStyles = css`
  .filters {
    display: grid;
    gap: calc(var(--_space) * 0.75);
  }
  .search__row {
    display: flex;
    gap: 0.5em;
  }
  .more {
    display: flex;
    flex-direction: column;
    align-items: center;
    gap: 0.5em;
  }
  .badge {
    display: inline-block;
    padding-inline: 0.5em;
    border: 1px solid var(--_border);
    border-radius: 999px;
    font-size: 0.85em;
    white-space: nowrap;
  }
`
