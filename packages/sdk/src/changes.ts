import { request, type Transport } from './transport.js'
import type { CallOptions, ChangePage, ChangeParams } from './types.js'

/*
 * The public change feed: what a partner's copy of WeGov reads to stay in sync. A page is resumed from
 * a cursor (`since`); keep the page's resumeCursor and ask again later. A cursor older than the feed
 * keeps throws an ApiError with code WEGOV_CURSOR_EXPIRED (410): copy the lists again, then follow the feed.
 */
export const changesPage = (t: Transport, params?: ChangeParams, options?: CallOptions) =>
  request<ChangePage>(t, '/v1/changes', { query: params, ...options })
