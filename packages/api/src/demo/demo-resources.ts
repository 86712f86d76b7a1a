import type { ResourceInput } from '../content/content-inputs.js'
import { DEMO_LEARNING_RESOURCES } from './demo-learning-resources.js'
import { DEMO_LIBRARY_RESOURCES } from './demo-library-resources.js'

/**
 * Every demo resource; split by collection into two files only to keep each file readable. Each
 * createdAt is when the resource was recorded on the hub: on its publication day, or in 2025 for older
 * documents added when the hub opened.
 */
export const DEMO_RESOURCES: ResourceInput[] = [...DEMO_LEARNING_RESOURCES, ...DEMO_LIBRARY_RESOURCES]
