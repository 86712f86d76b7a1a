import type { ResourceInput } from '../content/content-inputs.js'
import { DEMO_LEARNING_RESOURCES } from './demo-learning-resources.js'
import { DEMO_LIBRARY_RESOURCES } from './demo-library-resources.js'

/**
 * Every demo resource; split by collection into two files only to keep each file readable. Each
 * createdAt is when the resource was recorded on the hub: on its publication day, or in 2025 for older
 * documents added when the hub opened.
 */
export const DEMO_RESOURCES: ResourceInput[] = [...DEMO_LEARNING_RESOURCES, ...DEMO_LIBRARY_RESOURCES]

/**
 * Demo resources attached to a project of their own organisation (resource slug -> project slugs): the
 * project's page lists them, and the IATI file links those with an address as the activity's documents.
 */
export const DEMO_ATTACHMENTS: Record<string, string[]> = {
  'guide-pratique-budget-participatif-communes': ['budget-participatif-oued-zitoun'],
  'webinar-budget-participatif-consultation-decision': ['budget-participatif-oued-zitoun'],
  'guide-setting-up-youth-council': ['youth-councils-north-west-tunisia'],
  'webinar-youth-councils-tunisia-palestine': ['youth-councils-north-west-tunisia'],
  'libya-municipal-transparency-monitoring-2025': ['libya-municipal-councils-transparency'],
  'women-libyan-municipal-councils-first-look': ['libya-women-local-governance'],
  'guide-social-accountability-local-councils': ['village-councils-social-accountability'],
  'presentation-community-scorecards-method': ['community-scorecards-water-services'],
  'citizen-observer-toolkit': ['observatoire-donnees-ouvertes-communes'],
}
