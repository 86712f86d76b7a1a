import { lookup as dnsLookup } from 'node:dns/promises'
import { isIP } from 'node:net'

/**
 * Guards WeGov's own requests to addresses others chose (webhooks now, federation later) against
 * server-side request forgery: in production such a request may reach only the public internet, never
 * the machine itself, the private network, link-local addresses (the cloud metadata service at
 * 169.254.169.254) or unique-local IPv6. A URL is checked when it is registered and again when it is
 * used: its name is resolved, every address checked, and the connection made to a checked address (see
 * guardedLookup), so a name that resolves to a public address at registration and a private one later
 * (DNS rebinding) is still refused.
 *
 * Outside production (development, tests) plain http is allowed to loopback only, and every address is.
 */

export interface OutboundPolicy {
  /** Production: only public addresses, only https. */
  production: boolean
}

/** Why a URL or an address is refused: shown to whoever registered it, kept in the delivery log. */
export class OutboundRefused extends Error {
  override readonly name = 'OutboundRefused'
  readonly code = 'WEGOV_OUTBOUND_REFUSED'
}

/** Resolves a name to its addresses (dns.lookup with all: true); tests give a fixed table. */
export type Resolver = (hostname: string) => Promise<{ address: string; family: number }[]>

export const systemResolver: Resolver = (hostname) => dnsLookup(hostname, { all: true, verbatim: true })

/** IPv4 ranges that are not the public internet: [first octets as a 32-bit number, prefix length, name]. */
const IPV4_BLOCKED: readonly [string, number, string][] = [
  ['0.0.0.0', 8, 'unspecified'],
  ['10.0.0.0', 8, 'private'],
  ['100.64.0.0', 10, 'shared address space'],
  ['127.0.0.0', 8, 'loopback'],
  ['169.254.0.0', 16, 'link-local'],
  ['172.16.0.0', 12, 'private'],
  ['192.0.0.0', 24, 'IETF protocol assignments'],
  ['192.0.2.0', 24, 'documentation'],
  ['192.168.0.0', 16, 'private'],
  ['198.18.0.0', 15, 'benchmarking'],
  ['198.51.100.0', 24, 'documentation'],
  ['203.0.113.0', 24, 'documentation'],
  ['224.0.0.0', 4, 'multicast'],
  ['240.0.0.0', 4, 'reserved'],
]

function ipv4Number(address: string): number {
  return address.split('.').reduce((value, octet) => value * 256 + Number(octet), 0)
}

function ipv4Reason(address: string): string | null {
  const value = ipv4Number(address)
  for (const [network, bits, name] of IPV4_BLOCKED) {
    const size = 2 ** (32 - bits)
    const start = ipv4Number(network)
    if (value >= start && value < start + size) return name
  }
  return null
}

/** The 16 bytes of an IPv6 address (an embedded dotted IPv4 tail included); null when it is not one. */
export function ipv6Bytes(address: string): number[] | null {
  let text = address.replace(/^\[|\]$/g, '').split('%')[0]!
  if (isIP(text) !== 6) return null
  const tail = /(\d+\.\d+\.\d+\.\d+)$/.exec(text)
  if (tail) {
    const v = ipv4Number(tail[1]!)
    text = `${text.slice(0, -tail[1]!.length)}${(v >>> 16).toString(16)}:${(v & 0xffff).toString(16)}`
  }
  const [head, rest] = text.includes('::') ? text.split('::') : [text, undefined]
  const headGroups = head ? head.split(':') : []
  const restGroups = rest ? rest.split(':') : []
  const zeros = rest === undefined ? [] : new Array<string>(8 - headGroups.length - restGroups.length).fill('0')
  const groups = [...headGroups, ...zeros, ...restGroups]
  if (groups.length !== 8) return null
  return groups.flatMap((group) => {
    const value = parseInt(group, 16)
    return [value >> 8, value & 0xff]
  })
}

function ipv6Reason(address: string): string | null {
  const bytes = ipv6Bytes(address)
  if (!bytes) return 'not an address'
  const embeddedV4 = (offset: number) => bytes.slice(offset, offset + 4).join('.')
  const startsWith = (prefix: number[]) => prefix.every((byte, i) => bytes[i] === byte)
  if (bytes.every((byte) => byte === 0)) return 'unspecified'
  if (bytes.slice(0, 15).every((byte) => byte === 0) && bytes[15] === 1) return 'loopback'
  // ::ffff:a.b.c.d (IPv4-mapped) and ::a.b.c.d (IPv4-compatible) reach the IPv4 address inside.
  if (bytes.slice(0, 10).every((byte) => byte === 0) && ((bytes[10] === 0xff && bytes[11] === 0xff) || (bytes[10] === 0 && bytes[11] === 0))) {
    return ipv4Reason(embeddedV4(12))
  }
  // NAT64 (64:ff9b::/96) and 6to4 (2002::/16) carry an IPv4 address that the gateway reaches.
  if (startsWith([0x00, 0x64, 0xff, 0x9b]) && bytes.slice(4, 12).every((byte) => byte === 0)) return ipv4Reason(embeddedV4(12))
  if (startsWith([0x20, 0x02])) return ipv4Reason(embeddedV4(2))
  if ((bytes[0]! & 0xfe) === 0xfc) return 'unique-local'
  if (bytes[0] === 0xfe && (bytes[1]! & 0xc0) === 0x80) return 'link-local'
  if (bytes[0] === 0xfe && (bytes[1]! & 0xc0) === 0xc0) return 'site-local'
  if (bytes[0] === 0xff) return 'multicast'
  if (startsWith([0x01, 0x00, 0, 0, 0, 0, 0, 0])) return 'discard'
  if (startsWith([0x20, 0x01, 0x0d, 0xb8])) return 'documentation'
  return null
}

/**
 * Why an IP address is not a public one (loopback, private, link-local...), or null when it is. Every IPv6
 * form of an IPv4 address (mapped, compatible, NAT64, 6to4) is judged by the IPv4 address inside.
 *
 * @example
 * forbiddenAddress('169.254.169.254') // 'link-local'
 * forbiddenAddress('::ffff:10.0.0.1') // 'private'
 * forbiddenAddress('93.184.216.34') // null
 */
export function forbiddenAddress(address: string): string | null {
  const bare = address.replace(/^\[|\]$/g, '')
  const version = isIP(bare.split('%')[0]!)
  if (version === 4) return ipv4Reason(bare)
  if (version === 6) return ipv6Reason(bare)
  return 'not an address'
}

const LOOPBACK_NAMES = new Set(['localhost', '127.0.0.1', '[::1]'])

function isLoopbackHost(hostname: string): boolean {
  return LOOPBACK_NAMES.has(hostname) || hostname.endsWith('.localhost') || forbiddenAddress(hostname) === 'loopback'
}

/**
 * Checks a URL that WeGov is asked to call later (a webhook endpoint): absolute, no credentials in it,
 * https (http only to loopback, and only outside production), and in production not an address or a
 * name that is never public. Throws OutboundRefused with the reason; returns the parsed URL.
 */
export function checkOutboundUrl(raw: string, policy: OutboundPolicy): URL {
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    throw new OutboundRefused('not an absolute URL')
  }
  if (url.username || url.password) throw new OutboundRefused('credentials in the URL')
  if (url.protocol === 'http:') {
    if (policy.production || !isLoopbackHost(url.hostname)) throw new OutboundRefused('http is allowed only for loopback, outside production')
  } else if (url.protocol !== 'https:') {
    throw new OutboundRefused('not an https URL')
  }
  if (policy.production) {
    const hostname = url.hostname.replace(/^\[|\]$/g, '')
    if (isIP(hostname) !== 0) {
      const reason = forbiddenAddress(hostname)
      if (reason) throw new OutboundRefused(`${reason} address`)
    } else if (isLoopbackHost(url.hostname) || !hostname.includes('.')) {
      throw new OutboundRefused('not a public host name')
    }
  }
  return url
}

/**
 * Resolves a host the way the connection will, and refuses it in production when any of its addresses is
 * not public (all of them: a client may try each). Returns the addresses to connect to.
 */
export async function resolveOutbound(hostname: string, policy: OutboundPolicy, resolve: Resolver = systemResolver): Promise<{ address: string; family: number }[]> {
  const bare = hostname.replace(/^\[|\]$/g, '')
  const version = isIP(bare)
  const addresses = version !== 0 ? [{ address: bare, family: version }] : await resolve(bare)
  if (addresses.length === 0) throw new OutboundRefused(`${hostname} has no address`)
  if (policy.production) {
    for (const { address } of addresses) {
      const reason = forbiddenAddress(address)
      if (reason) throw new OutboundRefused(`${hostname} resolves to a ${reason} address`)
    }
  }
  return addresses
}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | { address: string; family: number }[], family?: number) => void

/**
 * A `lookup` for net.connect / tls.connect (undici's Agent `connect: { lookup }`): the socket connects to
 * an address this guard resolved and checked, never to one a second resolution returns.
 */
export function guardedLookup(policy: OutboundPolicy, resolve: Resolver = systemResolver) {
  return (hostname: string, options: { all?: boolean }, callback: LookupCallback): void => {
    resolveOutbound(hostname, policy, resolve).then(
      (addresses) => (options.all ? callback(null, addresses) : callback(null, addresses[0]!.address, addresses[0]!.family)),
      (error: NodeJS.ErrnoException) => callback(error, ''),
    )
  }
}

/**
 * checkOutboundUrl, and in production the name resolved now: a name that already resolves to an address
 * that is not public is refused at registration. One that does not resolve yet is accepted (its DNS may
 * come later): every use resolves and checks it again.
 */
export async function checkOutboundTarget(raw: string, policy: OutboundPolicy, resolve: Resolver = systemResolver): Promise<URL> {
  const url = checkOutboundUrl(raw, policy)
  if (!policy.production || isIP(url.hostname.replace(/^\[|\]$/g, '')) !== 0) return url
  let addresses: { address: string; family: number }[]
  try {
    addresses = await resolve(url.hostname)
  } catch {
    return url
  }
  for (const { address } of addresses) {
    const reason = forbiddenAddress(address)
    if (reason) throw new OutboundRefused(`${url.hostname} resolves to a ${reason} address`)
  }
  return url
}
