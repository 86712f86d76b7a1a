/**
 * A partner's `detail-url` template filled for one item: `{slug}`, `{id}` and `{lang}` are replaced,
 * each URL-encoded, so `/fr/projets/{slug}` links to the partner's own page for that item.
 */
export function fillDetailUrl(template: string, item: { slug: string; id: string }, lang: string): string {
  return template.replace(/\{(slug|id|lang)\}/g, (_, key: 'slug' | 'id' | 'lang') => encodeURIComponent(key === 'lang' ? lang : item[key]))
}
