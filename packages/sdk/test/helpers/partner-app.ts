import { execFile } from 'node:child_process'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { extname, join, normalize } from 'node:path'
import { promisify } from 'node:util'
import type { Test } from 'tap'

const exec = promisify(execFile)
export const REPO = new URL('../../../../', import.meta.url).pathname

/** npm settings a machine may give in its environment; every other npm_* variable comes from `npm run`. */
const MACHINE_NPM_CONFIG = /^npm_config_(registry|cache|userconfig|proxy|https_proxy|noproxy|cafile|strict_ssl)$/i

/**
 * The environment of a partner's machine: this process's, less what makes it this repository's test
 * process: tap's variables and the tsx loader it passes on in NODE_OPTIONS, and `npm run`'s variables
 * (npm_config_local_prefix would make npm install into this workspace).
 */
export function partnerEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env }
  delete env.NODE_OPTIONS
  for (const name of Object.keys(env)) {
    if (name.startsWith('TAP') || (/^npm_/i.test(name) && !MACHINE_NPM_CONFIG.test(name))) delete env[name]
  }
  return env
}

/**
 * Runs a command as a partner would, in `cwd`; its output is returned, and shown when it fails. Through
 * `env -u NODE_OPTIONS`: tap wraps child_process and puts its own loader back into NODE_OPTIONS.
 */
export async function runIn(cwd: string, file: string, args: string[]): Promise<string> {
  try {
    const { stdout } = await exec('env', ['-u', 'NODE_OPTIONS', file, ...args], { cwd, env: partnerEnv(), maxBuffer: 16 * 1024 * 1024 })
    return stdout
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: string; stderr?: string }
    throw new Error(`${file} ${args.join(' ')} failed in ${cwd}:\n${stdout ?? ''}\n${stderr ?? ''}`, { cause: error })
  }
}

/**
 * An empty folder outside the workspace with @wegov/sdk and @wegov/widgets installed from the tarballs
 * `npm pack` makes of them (each built by its prepack script), and the rest (lit…) from the registry.
 */
export async function installPackedPackages(t: Test): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'wegov-partner-'))
  t.teardown(() => rm(dir, { recursive: true, force: true }))
  const tarballs: string[] = []
  // The SDK first: the widgets' build compiles against its dist/.
  for (const pkg of ['sdk', 'widgets']) {
    const packed = JSON.parse(await runIn(`${REPO}packages/${pkg}`, 'npm', ['pack', '--json', '--pack-destination', dir])) as { filename: string }[]
    tarballs.push(join(dir, packed[0]!.filename))
  }
  await writeFile(join(dir, 'package.json'), JSON.stringify({ name: 'partner-site', private: true, type: 'module' }))
  await runIn(dir, 'npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', ...tarballs])
  return dir
}

const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8' }

/** Serves a folder's files on 127.0.0.1, as the partner's web server would. */
export async function serveFolder(t: Test, dir: string): Promise<string> {
  const server = createServer(async (request, response) => {
    const path = normalize(decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname))
    const file = join(dir, path.endsWith('/') ? `${path}index.html` : path)
    try {
      const body = await readFile(file)
      response.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(body)
    } catch {
      response.writeHead(404).end()
    }
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  t.teardown(() => new Promise<void>((resolve) => server.close(() => resolve())))
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`
}
