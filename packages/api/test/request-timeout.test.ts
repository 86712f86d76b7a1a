import { connect } from 'node:net'
import t from 'tap'
import { buildTestApp } from './helpers/test-app.js'

t.test('a client that sends half a body and stalls is answered 408 and its connection closed', async (t) => {
  const app = await buildTestApp(t, { config: { requestTimeoutMs: 500 } })
  await app.listen({ port: 0, host: '127.0.0.1' })
  const { port } = app.server.address() as { port: number }

  const socket = connect(port, '127.0.0.1')
  t.teardown(() => socket.destroy())
  let received = ''
  socket.on('data', (chunk: Buffer) => (received += chunk.toString('utf8')))
  const body = JSON.stringify({ petition: 'p', email: 'slow@example.org', code: '123456' })
  socket.write(
    `POST /v1/signatures/confirm HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n${body.slice(0, 10)}`,
  )
  // Generous on purpose (the machine may be slow): only a server that never times the request out fails here.
  const closed = await new Promise<boolean>((resolve) => {
    const giveUp = setTimeout(() => resolve(false), 30_000)
    socket.once('close', () => {
      clearTimeout(giveUp)
      resolve(true)
    })
  })
  t.ok(closed, 'the server closed the stalled connection')
  t.match(received, /^HTTP\/1\.1 408 /, 'after answering 408 Request Timeout')
  t.match(received, /content-type: application\/problem\+json/i, 'as problem+json')
  t.match(received, /connection: close/i, 'saying the connection is closed')
  t.match(received, /"code":"WEGOV_REQUEST_TIMEOUT"/, 'with its catalogue code')
})
