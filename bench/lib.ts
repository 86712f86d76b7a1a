import { type ChildProcess, execFile, fork, spawn } from 'node:child_process'
import { once } from 'node:events'
import { promisify } from 'node:util'
import autocannon from 'autocannon'

export interface LoadResult {
  requestsPerSecond: number
  latencyP50Ms: number
  latencyP99Ms: number
  non2xx: number
  errors: number
}

/** Runs autocannon in this process against a server in another process. */
export async function load(
  url: string,
  options: { connections?: number; durationSeconds?: number; method?: string; headers?: Record<string, string>; body?: string; requests?: autocannon.Request[] } = {},
): Promise<LoadResult> {
  const result = await autocannon({
    url,
    connections: options.connections ?? 50,
    duration: options.durationSeconds ?? 10,
    method: (options.method ?? 'GET') as 'GET',
    headers: options.headers ?? {},
    ...(options.body ? { body: options.body } : {}),
    ...(options.requests ? { requests: options.requests } : {}),
  })
  return {
    requestsPerSecond: Math.round(result.requests.average),
    latencyP50Ms: result.latency.p50,
    latencyP99Ms: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
  }
}

/**
 * Runs wrk (C, one thread, so it takes at most one of the two cores) against a server in another
 * process, or returns null when wrk is not installed (`apt-get install wrk`). Unlike autocannon, wrk
 * never decodes a body, so its cost per reply hardly grows with the reply's size: with it, the server is
 * what runs out of CPU, which is what a ratio to a hello-world is meant to compare.
 */
export async function loadWithWrk(
  url: string,
  options: { connections?: number; durationSeconds?: number; headers?: Record<string, string>; script?: string; scriptArgs?: string[] } = {},
): Promise<(LoadResult & { stdout: string }) | null> {
  const headerArgs = Object.entries(options.headers ?? {}).flatMap(([name, value]) => ['-H', `${name}: ${value}`])
  const scriptArgs = options.script ? ['-s', options.script] : []
  const args = ['-t1', `-c${options.connections ?? 50}`, `-d${options.durationSeconds ?? 10}s`, '--latency', ...headerArgs, ...scriptArgs, url]
  if (options.scriptArgs) args.push('--', ...options.scriptArgs)
  let stdout: string
  try {
    ;({ stdout } = await promisify(execFile)('wrk', args, { maxBuffer: 16 * 2 ** 20 }))
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null
    throw error
  }
  const number = (pattern: RegExp) => Number(pattern.exec(stdout)?.[1] ?? 0)
  return {
    requestsPerSecond: Math.round(number(/Requests\/sec:\s+([\d.]+)/)),
    latencyP50Ms: wrkLatencyMs(stdout, '50%'),
    latencyP99Ms: wrkLatencyMs(stdout, '99%'),
    non2xx: number(/Non-2xx or 3xx responses:\s+(\d+)/),
    // "Socket errors: connect 0, read 0, write 0, timeout 3" appears only when there were any.
    errors: [...(/Socket errors:(.*)/.exec(stdout)?.[1] ?? '').matchAll(/\d+/g)].reduce((sum, [count]) => sum + Number(count), 0),
    stdout,
  }
}

/** wrk prints latency percentiles with their own unit: "99%    3.21ms", "99%  812.00us", "99%    1.02s", "99%    1.10m". */
function wrkLatencyMs(stdout: string, percentile: string): number {
  const match = new RegExp(`^\\s*${percentile}\\s+([\\d.]+)(us|ms|s|m|h)\\s*$`, 'm').exec(stdout)
  if (!match) return NaN
  const scale = { us: 0.001, ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[match[2] as 'us' | 'ms' | 's' | 'm' | 'h']
  return Math.round(Number(match[1]) * scale * 100) / 100
}

/** Starts a node script that reports its URL over IPC, and returns it with a stopper. */
export async function startChild(script: string, env: NodeJS.ProcessEnv = {}, execArgv: string[] = []) {
  const child = fork(script, [], { env: { ...process.env, ...env }, execArgv, stdio: ['ignore', 'ignore', 'inherit', 'ipc'] })
  const [message] = (await once(child, 'message')) as [{ url: string }]
  return { url: message.url, child, stop: () => stopChild(child) }
}

export async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return
  child.kill('SIGTERM')
  await once(child, 'exit')
}

/** Starts `npm start` style WeGov with the given env and waits until /health/ready answers 200. */
/** A bench server on its own schema of the bench database: no demo, no rate limits, no proof of work to solve. */
export function benchServerEnv(databaseUrl: string, schema: string): NodeJS.ProcessEnv {
  return { DATABASE_URL: databaseUrl, WEGOV_DB_SCHEMA: schema, WEGOV_DEMO: '0', WEGOV_RATE_LIMIT: 'off', WEGOV_POW: 'off' }
}

export async function startWeGovProcess(env: NodeJS.ProcessEnv, port: number) {
  const started = performance.now()
  // BENCH_SERVER_NODE_ARGS: extra Node options for the server alone, e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`
  // (Node refuses --cpu-prof in NODE_OPTIONS, and the bench process need not be profiled).
  const nodeArgs = process.env.BENCH_SERVER_NODE_ARGS?.split(' ').filter(Boolean) ?? []
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', 'scripts/start.ts'], {
    env: { ...process.env, LOG_LEVEL: 'warn', HOST: '127.0.0.1', PORT: String(port), ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  })
  const url = `http://127.0.0.1:${port}`
  for (;;) {
    if (child.exitCode !== null) throw new Error(`WeGov exited with ${child.exitCode}`)
    try {
      const res = await fetch(`${url}/health/ready`)
      if (res.status === 200) break
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 25))
  }
  return { url, child, readyMs: Math.round(performance.now() - started), stop: () => stopChild(child) }
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)
  return sorted[Math.max(0, index)]!
}

export async function freePort(): Promise<number> {
  const { createServer } = await import('node:net')
  const server = createServer()
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  const { port } = server.address() as { port: number }
  server.close()
  return port
}
