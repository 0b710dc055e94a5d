import { isIP } from 'node:net';

/**
 * Where the bot may send replies. A Bot Framework activity names its own reply address (`serviceUrl`), so an
 * unchecked one turns the bot into a request relay (SSRF): it would POST typing and answer activities wherever a
 * client asks. Without an app id nothing vouches for the sender, so only this machine (the Emulator) may be named;
 * with one, only the configured Bot Framework / Teams hosts.
 */
export interface ServiceUrlPolicy {
  /** True when MICROSOFT_APP_ID is set (JWTs enforced): replies go to `allowedHosts` only, over https. */
  authEnabled: boolean;
  /** Host patterns (`host.example.com` or `*.example.com` for its subdomains), lower case. */
  allowedHosts: readonly string[];
  /** In-process channels (the Web Chat bridge), whose replies never leave the process. */
  isLocalChannel(serviceUrl: string): boolean;
}

/** Why a serviceUrl was refused; `undefined` from {@link checkServiceUrl} means it is allowed. */
export type ServiceUrlProblem = 'not_a_url' | 'not_loopback' | 'not_https' | 'host_not_allowed';

/** Checks one serviceUrl against the policy. */
export function checkServiceUrl(serviceUrl: string, policy: ServiceUrlPolicy): ServiceUrlProblem | undefined {
  if (policy.isLocalChannel(serviceUrl)) return undefined;
  let url: URL;
  try {
    url = new URL(serviceUrl);
  } catch {
    return 'not_a_url';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'not_a_url';
  if (!policy.authEnabled) return isLoopbackHost(url.hostname) ? undefined : 'not_loopback';
  // Bot Framework and Teams only ever call back over TLS; plain http would let a network attacker read the token.
  if (url.protocol !== 'https:') return 'not_https';
  return policy.allowedHosts.some((pattern) => hostMatches(url.hostname, pattern)) ? undefined : 'host_not_allowed';
}

/** What each problem means, for the 403 body (says what was wrong with the request, nothing about the server). */
export const SERVICE_URL_PROBLEMS: Record<ServiceUrlProblem, string> = {
  not_a_url: 'serviceUrl must be an http(s) URL.',
  not_loopback: 'Without a Bot Framework app id, serviceUrl must point at this machine (localhost / 127.0.0.1 / ::1).',
  not_https: 'serviceUrl must use https.',
  host_not_allowed: 'serviceUrl is not a Bot Framework or Teams service host this bot may reply to.',
};

/** `*.example.com` matches `a.example.com` and `a.b.example.com` but not `example.com`; others match exactly. */
export function hostMatches(hostname: string, pattern: string): boolean {
  const host = hostname.toLowerCase().replace(/\.$/, '');
  const want = pattern.toLowerCase();
  if (want.startsWith('*.')) return host.endsWith(want.slice(1)) && host.length > want.length - 1;
  return host === want;
}

/**
 * A literal loopback host: `localhost`, 127.0.0.0/8 or ::1 (also IPv4-mapped). Names that merely resolve to
 * loopback today (`127.0.0.1.nip.io`) are not accepted: DNS can change between the check and the request.
 */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname
    .toLowerCase()
    .replace(/^\[|\]$/g, '')
    .replace(/\.$/, '');
  if (host === 'localhost') return true;
  return isLoopbackAddress(host);
}

/** True for a loopback IP address as a socket reports it (`127.x.y.z`, `::1`, `::ffff:127.x.y.z`). */
export function isLoopbackAddress(address: string | undefined): boolean {
  if (!address) return false;
  const ip = address.toLowerCase();
  if (isIP(ip) === 6) {
    if (ip === '::1' || ip === '0:0:0:0:0:0:0:1') return true;
    const dotted = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(ip);
    if (dotted) return isLoopbackAddress(dotted[1]);
    // WHATWG URL parsing rewrites [::ffff:127.0.0.1] as [::ffff:7f00:1]: the first group holds 127 in its high byte.
    const hex = /^::ffff:([0-9a-f]{1,4}):[0-9a-f]{1,4}$/.exec(ip);
    return hex !== null && Number.parseInt(hex[1]!, 16) >> 8 === 127;
  }
  return isIP(ip) === 4 && ip.startsWith('127.');
}
