// A second baseline: bare Fastify answering with the exact bytes WeGov sent for a page (already
// compressed, same headers that shape the body). Against it, a ratio shows what WeGov itself costs per
// request, apart from what moving those bytes costs the load generator on the same two cores.
import { readFileSync } from 'node:fs'
import Fastify from 'fastify'

const body = readFileSync(process.env.BENCH_BODY_FILE)
const headers = JSON.parse(process.env.BENCH_BODY_HEADERS ?? '{}')
const app = Fastify({ logger: false })
app.get('/', (_request, reply) => reply.headers(headers).send(body))
const address = await app.listen({ port: 0, host: '127.0.0.1' })
process.send?.({ url: address })
