import { execFileSync } from 'node:child_process'
import { measureSdkSize } from '../../packages/sdk/scripts/size.js'
import type { Row } from '../types.js'

interface Measured {
  files: string[]
  /** As served to a client that accepts gzip (the build's Zopfli .gz files). */
  gzipBytes: number
  /** As served to a browser, which accepts brotli (the build's .br files). */
  brBytes: number
  minBytes: number
}
interface WidgetSizes {
  entries: Record<string, Measured & { onDemand: Measured }>
  allWidgets: Measured & { withLocales: Measured; onDemand: Measured }
  locales: Record<string, number>
  signingLocales: Record<string, number>
}

/**
 * Bytes a browser downloads: the SDK runtime, and each widget with Lit, the SDK and its messages. The widget
 * rows are the files the server sends: the value is gzip (the unit of their targets), the detail gives brotli,
 * which every current browser accepts and gets.
 */
export async function sizes(): Promise<Row[]> {
  execFileSync('npm', ['run', 'build'], { stdio: 'ignore' })
  const sdk = await measureSdkSize()
  const widgets = JSON.parse(
    execFileSync(process.execPath, ['--import', 'tsx', 'packages/widgets/scripts/size.ts'], { encoding: 'utf8' }),
  ) as WidgetSizes
  const kb = (bytes: number) => Math.round((bytes / 1024) * 10) / 10
  const chunkName = (file: string) => file.replace(/^chunks\/|-[\w-]{8}\.js$/g, '')
  const later = (measured: Measured) =>
    measured.files.length ? `; loaded later, on demand: ${measured.files.map(chunkName).join(' + ')} ${kb(measured.gzipBytes)} KB` : ''
  const rows: Row[] = [
    {
      id: 'sdk-size',
      title: 'SDK runtime (without generated types)',
      value: kb(sdk.gzipBytes),
      unit: 'KB min+gz',
      target: '< 5 KB',
      pass: sdk.gzipBytes < 5 * 1024,
      detail: `${kb(sdk.minBytes)} KB minified`,
    },
  ]
  for (const name of ['petition.js', 'projects.js', 'resources.js']) {
    const entry = widgets.entries[name]!
    rows.push({
      id: `widget-${name}`,
      title: `Widget ${name} with Lit, SDK and English messages`,
      value: kb(entry.gzipBytes),
      unit: 'KB min+gz',
      target: '< 15 KB',
      pass: entry.gzipBytes < 15 * 1024,
      detail: `${kb(entry.brBytes)} KB in brotli; ${kb(entry.minBytes)} KB minified, ${entry.files.length} files before the first render${later(entry.onDemand)}`,
    })
  }
  const each = (chunks: Record<string, number>) => Object.entries(chunks).map(([file, bytes]) => `${chunkName(file)} ${kb(bytes)} KB`).join(', ')
  const all = widgets.allWidgets
  rows.push({
    id: 'widgets-all',
    title: 'All three widgets, the loader and the ar and fr messages (a page in three languages)',
    value: kb(all.withLocales.gzipBytes),
    unit: 'KB min+gz',
    target: '< 25 KB',
    pass: all.withLocales.gzipBytes < 25 * 1024,
    detail: `${kb(all.withLocales.brBytes)} KB in brotli; ${kb(all.withLocales.minBytes)} KB minified: widgets and loader ${kb(all.gzipBytes)} KB, locale chunks ${each(widgets.locales)}${later(all.onDemand)}, with the form's messages ${each(widgets.signingLocales)}`,
  })
  return rows
}
