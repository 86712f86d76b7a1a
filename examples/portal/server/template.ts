/**
 * The portal's page template is a plain HTML file that works on its own (served by any web server, its
 * script renders the page in the browser). Regions the server fills are marked with comments:
 * `<!--slot:NAME-->default markup<!--/slot:NAME-->`. The server replaces each region, markers included,
 * with markup it built; every value from the database is escaped before it gets there.
 */
export function fillSlots(template: string, slots: Record<string, string>): string {
  return template.replace(/<!--slot:([a-z]+)-->[\s\S]*?<!--\/slot:\1-->/g, (region, name: string) => slots[name] ?? region)
}

/** Names the slots a template must have, so a broken template fails at start-up rather than per request. */
export function missingSlots(template: string, names: readonly string[]): string[] {
  return names.filter((name) => !template.includes(`<!--slot:${name}-->`) || !template.includes(`<!--/slot:${name}-->`))
}
