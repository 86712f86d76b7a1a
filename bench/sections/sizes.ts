import { execFileSync } from 'node:child_process'
import { measureSdkSize } from '../../packages/sdk/scripts/size.js'
import type { Row } from '../types.js'

interface WidgetSizes {
  entries: Record<string, { gzipBytes: number; minBytes: number }>
  allWidgets: { gzipBytes: number; minBytes: number }
  locales: Record<string, number>
}

/** Bytes a browser downloads: the SDK runtime, and each widget with Lit, the SDK and its messages (min+gz). */
export async function sizes(): Promise<Row[]> {
  execFileSync('npm', ['run', 'build'], { stdio: 'ignore' })
  const sdk = await measureSdkSize()
  const widgets = JSON.parse(
    execFileSync(process.execPath, ['--import', 'tsx', 'packages/widgets/scripts/size.ts'], { encoding: 'utf8' }),
  ) as WidgetSizes
  const kb = (bytes: number) => Math.round((bytes / 1024) * 10) / 10
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
      detail: `${kb(entry.minBytes)} KB minified`,
    })
  }
  rows.push({
    id: 'widgets-all',
    title: 'All three widgets and the loader',
    value: kb(widgets.allWidgets.gzipBytes),
    unit: 'KB min+gz',
    target: '< 25 KB',
    pass: widgets.allWidgets.gzipBytes < 25 * 1024,
    detail: `plus one locale chunk per other language in use: ${Object.entries(widgets.locales).map(([file, bytes]) => `${file.replace(/^chunks\/|-.*$/g, '')} ${kb(bytes)} KB`).join(', ')}`,
  })
  return rows
}
