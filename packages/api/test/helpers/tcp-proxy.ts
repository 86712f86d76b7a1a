import { type Socket, connect, createServer } from 'node:net'
import type { Test } from 'tap'

/**
 * A TCP proxy in front of PostgreSQL that the test can turn into a black hole: every open connection is
 * cut, and new ones are accepted but never answered (a server that hangs, a load balancer with no
 * backend). Closed at teardown.
 */
export async function startTcpProxy(t: Test, target: { host: string; port: number }) {
  let blackHole = false
  const sockets = new Set<Socket>()
  const track = (socket: Socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
    socket.on('error', () => socket.destroy())
  }
  const server = createServer((client) => {
    track(client)
    if (blackHole) return
    const upstream = connect(target.port, target.host)
    track(upstream)
    client.on('close', () => upstream.destroy())
    upstream.on('close', () => client.destroy())
    client.pipe(upstream).pipe(client)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  t.teardown(async () => {
    for (const socket of sockets) socket.destroy()
    await new Promise((resolve) => server.close(resolve))
  })
  return {
    port: (server.address() as { port: number }).port,
    becomeBlackHole() {
      blackHole = true
      for (const socket of sockets) socket.destroy()
    },
    forwardAgain() {
      blackHole = false
    },
  }
}
