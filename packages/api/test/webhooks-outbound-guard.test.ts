import t from 'tap'
import { checkOutboundTarget, checkOutboundUrl, forbiddenAddress, resolveOutbound } from '../src/http/outbound-guard.js'
import { webhookSender } from '../src/domains/webhooks/webhook-sender.js'

/**
 * The SSRF guard (src/http/outbound-guard.ts) in production: WeGov's requests to URLs others chose
 * (webhooks, later federation) reach public addresses only, checked when a URL is registered and again
 * after every resolution when it is used.
 */
const PRODUCTION = { production: true }
const REFUSED = { name: 'OutboundRefused', code: 'WEGOV_OUTBOUND_REFUSED' }

const NOT_PUBLIC = [
  ['127.0.0.1', 'loopback'],
  ['127.255.0.9', 'loopback'],
  ['10.0.0.1', 'private'],
  ['10.255.255.255', 'private'],
  ['172.16.0.1', 'private'],
  ['172.31.255.254', 'private'],
  ['192.168.1.1', 'private'],
  ['169.254.169.254', 'link-local'],
  ['169.254.0.1', 'link-local'],
  ['0.0.0.0', 'unspecified'],
  ['100.64.0.1', 'shared address space'],
  ['224.0.0.1', 'multicast'],
  ['::1', 'loopback'],
  ['::', 'unspecified'],
  ['fc00::1', 'unique-local'],
  ['fd12:3456:789a::1', 'unique-local'],
  ['fe80::1', 'link-local'],
  ['febf::1', 'link-local'],
  ['::ffff:127.0.0.1', 'loopback'],
  ['::ffff:7f00:1', 'loopback'],
  ['::ffff:10.0.0.1', 'private'],
  ['::ffff:a9fe:a9fe', 'link-local'],
  ['::ffff:192.168.0.1', 'private'],
  ['0:0:0:0:0:ffff:ac10:1', 'private'],
  ['64:ff9b::a9fe:a9fe', 'link-local'],
  ['2002:0a00:0001::1', 'private'],
  ['ff02::1', 'multicast'],
] as const

t.test('addresses that are not the public internet are refused', async (t) => {
  for (const [address, reason] of NOT_PUBLIC) t.equal(forbiddenAddress(address), reason, address)
  for (const address of ['93.184.216.34', '8.8.8.8', '172.32.0.1', '172.15.255.255', '192.169.0.1', '2606:4700::1111', '::ffff:93.184.216.34', '2a00:1450:4007::64']) {
    t.equal(forbiddenAddress(address), null, `${address} is public`)
  }
})

t.test('in production a URL must be https to a public host; literal addresses are checked at registration', async (t) => {
  const refused = (url: string) => t.throws(() => checkOutboundUrl(url, PRODUCTION), REFUSED, url)
  for (const [address] of NOT_PUBLIC) refused(`https://${address.includes(':') ? `[${address}]` : address}/hooks`)
  refused('https://localhost/hooks')
  refused('https://api.localhost/hooks')
  refused('https://intranet/hooks')
  refused('http://partner.example.org/hooks')
  refused('http://127.0.0.1/hooks')
  refused('https://0x7f000001/hooks')
  refused('https://2130706433/hooks')
  refused('https://[::ffff:169.254.169.254]/latest/meta-data')
  t.equal(checkOutboundUrl('https://partner.example.org/hooks', PRODUCTION).href, 'https://partner.example.org/hooks')
  t.equal(checkOutboundUrl('https://93.184.216.34:8443/hooks', PRODUCTION).host, '93.184.216.34:8443')
  // Outside production, plain http only to loopback.
  t.equal(checkOutboundUrl('http://127.0.0.1:8080/hooks', { production: false }).port, '8080')
  t.throws(() => checkOutboundUrl('http://partner.example.org/hooks', { production: false }), REFUSED)
})

t.test('a name is refused when any of its addresses is not public', async (t) => {
  const table: Record<string, { address: string; family: number }[]> = {
    'public.example.org': [{ address: '93.184.216.34', family: 4 }],
    'rebound.example.org': [{ address: '10.0.0.7', family: 4 }],
    'mixed.example.org': [
      { address: '93.184.216.34', family: 4 },
      { address: 'fd00::7', family: 6 },
    ],
  }
  const resolve = async (name: string) => table[name] ?? []
  t.same(await resolveOutbound('public.example.org', PRODUCTION, resolve), table['public.example.org'])
  await t.rejects(resolveOutbound('rebound.example.org', PRODUCTION, resolve), REFUSED)
  await t.rejects(resolveOutbound('mixed.example.org', PRODUCTION, resolve), REFUSED)
  await t.rejects(resolveOutbound('nowhere.example.org', PRODUCTION, resolve), REFUSED)

  // At registration: a name already resolving to a private address is refused; one not resolving yet waits for delivery.
  await t.rejects(checkOutboundTarget('https://rebound.example.org/hooks', PRODUCTION, resolve), REFUSED)
  await t.rejects(checkOutboundTarget('https://mixed.example.org/hooks', PRODUCTION, resolve), REFUSED)
  t.equal((await checkOutboundTarget('https://public.example.org/hooks', PRODUCTION, resolve)).hostname, 'public.example.org')
  const unresolved = async () => {
    throw Object.assign(new Error('getaddrinfo ENOTFOUND'), { code: 'ENOTFOUND' })
  }
  t.equal((await checkOutboundTarget('https://soon.example.org/hooks', PRODUCTION, unresolved)).hostname, 'soon.example.org')
})

t.test('at delivery time a host name that now resolves to a private address is refused before any connection', async (t) => {
  let asked = 0
  // A name that passed registration (it is a public name) but resolves to the private network when used.
  const send = webhookSender({
    production: true,
    timeoutMs: 2000,
    resolve: async () => {
      asked++
      return [{ address: '192.168.0.10', family: 4 }]
    },
  })
  const outcome = await send({ url: 'https://partner.example.org/hooks', secret: `whsec_${Buffer.alloc(32).toString('base64')}`, messageId: 'msg_1', body: '{}' })
  t.equal(asked, 1, 'the name was resolved by the guard')
  t.equal(outcome.statusCode, null)
  t.match(outcome.error, /^refused: partner\.example\.org resolves to a private address/)

  const literal = await send({ url: 'https://169.254.169.254/latest/meta-data', secret: 'whsec_AAAA', messageId: 'msg_2', body: '{}' })
  t.match(literal.error, /^refused: link-local address/, 'a literal address is checked again before sending')
})
