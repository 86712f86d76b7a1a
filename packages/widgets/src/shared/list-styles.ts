import { css } from 'lit'

/** The layout the list widgets (projects, resources) share: a column of filters, a search row, then items. */
export const listStyles = css`
  .base {
    display: flex;
    flex-direction: column;
    gap: var(--_space);
  }
  .filters {
    display: grid;
    gap: calc(var(--_space) * 0.75);
  }
  .search__row {
    display: flex;
    gap: 0.5em;
  }
`
