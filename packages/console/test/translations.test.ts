import { readFile } from 'node:fs/promises'
import { DOMParser } from '@xmldom/xmldom'
import { test } from 'tap'
import { templates as arabic } from '../src/generated/locales/ar.js'
import { templates as french } from '../src/generated/locales/fr.js'

/**
 * Every console message is translated: a target in ar.xlf and fr.xlf for each, in Arabic script for Arabic,
 * not a copy of the English (except the few words French shares), with the same placeholders, and the
 * committed locale modules rebuilt from the XLIFF files (`npx lit-localize build`).
 */
const SAME_IN_FRENCH = new Set(['Organisations', 'Console', 'Administration', 'Motivation', 'Description', 'Action', 'Actions', 'Invitations', 'Webhooks'])

async function units(lang: 'ar' | 'fr') {
  const xml = new DOMParser().parseFromString(await readFile(new URL(`../xliff/${lang}.xlf`, import.meta.url), 'utf8'), 'text/xml')
  return Array.from(xml.getElementsByTagName('trans-unit')).map((unit) => {
    const source = unit.getElementsByTagName('source')[0]
    const target = unit.getElementsByTagName('target')[0]
    const placeholders = (node: any) => Array.from<any>(node?.getElementsByTagName('x') ?? []).map((x) => x.getAttribute('id')).sort()
    return {
      id: unit.getAttribute('id')!,
      source: source?.textContent?.trim() ?? '',
      target: target?.textContent?.trim() ?? null,
      sourcePlaceholders: placeholders(source),
      targetPlaceholders: target ? placeholders(target) : [],
    }
  })
}

for (const [lang, templates] of [['ar', arabic], ['fr', french]] as const) {
  test(`${lang}.xlf translates every message, and ${lang}.ts was built from it`, async (t) => {
    const all = await units(lang)
    t.ok(all.length > 200, 'the console has its messages extracted')
    t.same(all.filter((u) => !u.target).map((u) => u.id), [], 'every message has a target')
    t.same(
      all.filter((u) => u.target === u.source && !(lang === 'fr' && SAME_IN_FRENCH.has(u.source))).map((u) => u.source),
      [],
      'no target is a copy of the English',
    )
    t.same(all.filter((u) => u.sourcePlaceholders.join() !== u.targetPlaceholders.join()).map((u) => u.id), [], 'placeholders kept')
    if (lang === 'ar') t.same(all.filter((u) => !/[\u0600-\u06FF]/.test(u.target ?? '')).map((u) => u.source), [], 'Arabic in Arabic script')
    t.same(Object.keys(templates).sort(), all.map((u) => u.id).sort(), 'the locale module matches the XLIFF file')
  })
}
