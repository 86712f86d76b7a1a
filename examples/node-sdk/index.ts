/**
 * The WeGov SDK from a server: projects in Arabic, every guide in the library, a petition's count.
 * Start WeGov first (`npm start` at the repository root), then: node --import tsx examples/node-sdk/index.ts
 */
import { createClient, WeGovError } from '@wegov/sdk'

const wegov = createClient({ baseUrl: process.env.WEGOV_URL ?? 'http://localhost:3000', lang: 'ar' })

try {
  const { items: projects } = await wegov.projects.list({ limit: 5 })
  console.log('المشاريع (projects):')
  // A text that has no Arabic version comes in its original language, and says which.
  for (const project of projects) console.log(`  ${project.title.text}${project.title.fallback ? ` [${project.title.lang}]` : ''}`)

  let guides = 0
  for await (const guide of wegov.resources.list({ kind: 'guide', limit: 10 })) {
    guides += 1
    console.log(`  guide: ${guide.title.text}`)
  }
  console.log(`${guides} guides, every page followed`)

  const [petition] = await wegov.petitions.list({ status: 'open' }).collect(1)
  if (petition) {
    const count = await wegov.petitions.count(petition.slug)
    console.log(`${petition.title.text}: ${count.total} / ${count.goal} signatures`)
  }
} catch (error) {
  if (!(error instanceof WeGovError)) throw error
  // Every failure has a stable code: WEGOV_NETWORK when WeGov is not running, WEGOV_NOT_FOUND, ...
  console.error(`${error.code}: ${error.detail}`)
  process.exitCode = 1
}
