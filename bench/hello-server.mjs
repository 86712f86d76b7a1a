// The baseline: a bare Fastify hello-world, measured in the same run as WeGov so ratios hold.
import Fastify from 'fastify'

const app = Fastify({ logger: false })
app.get('/', async () => ({ hello: 'world' }))
const address = await app.listen({ port: 0, host: '127.0.0.1' })
process.send?.({ url: address })
