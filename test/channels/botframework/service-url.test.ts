import { describe, expect, it } from 'vitest';
import {
  checkServiceUrl,
  hostMatches,
  isLoopbackAddress,
  isLoopbackHost,
  type ServiceUrlPolicy,
} from '../../../src/channels/botframework/service-url.js';
import { parseConfig } from '../../../src/config/env.js';

const BRIDGE = 'https://webchat.invalid/bridge/';
const policy = (authEnabled: boolean): ServiceUrlPolicy => ({
  authEnabled,
  allowedHosts: parseConfig({}).BOTFRAMEWORK_SERVICE_URL_HOSTS,
  isLocalChannel: (url) => url === BRIDGE,
});

describe('checkServiceUrl without an app id (anonymous: this machine only)', () => {
  it.each([
    'http://127.0.0.1:5000/',
    'http://localhost:3979/emulator/',
    'http://[::1]:9/',
    'http://127.0.0.2/',
    'http://[::ffff:127.0.0.1]:8/',
  ])('allows the loopback address %s', (url) => expect(checkServiceUrl(url, policy(false))).toBeUndefined());

  it.each([
    'http://10.0.0.5/internal/admin?x=',
    'http://169.254.169.254/latest/meta-data/',
    'http://0.0.0.0:22/',
    'http://127.0.0.1.nip.io/',
    'https://smba.trafficmanager.net/amer/',
    'http://[::ffff:10.0.0.1]/',
  ])('refuses %s as not_loopback', (url) => expect(checkServiceUrl(url, policy(false))).toBe('not_loopback'));

  it('refuses what is not an http(s) URL', () => {
    expect(checkServiceUrl('file:///etc/passwd', policy(false))).toBe('not_a_url');
    expect(checkServiceUrl('not a url', policy(false))).toBe('not_a_url');
  });

  it('always allows the in-process Web Chat bridge', () => {
    expect(checkServiceUrl(BRIDGE, policy(false))).toBeUndefined();
    expect(checkServiceUrl(BRIDGE, policy(true))).toBeUndefined();
  });
});

describe('checkServiceUrl with an app id (Bot Framework / Teams hosts only)', () => {
  it.each([
    'https://smba.trafficmanager.net/amer/',
    'https://smba.trafficmanager.net/teams/',
    'https://directline.botframework.com/',
    'https://europe.directline.botframework.com/',
    'https://smba.infra.gcc.teams.microsoft.com/teams',
    'https://smba.infra.gov.teams.microsoft.us/teams',
  ])('allows %s', (url) => expect(checkServiceUrl(url, policy(true))).toBeUndefined());

  it.each([
    ['https://evil.example/?x=.botframework.com', 'host_not_allowed'],
    ['https://smba.trafficmanager.net.evil.example/', 'host_not_allowed'],
    ['https://evilbotframework.com/', 'host_not_allowed'],
    ['https://botframework.com@evil.example/', 'host_not_allowed'],
    // Anyone can create an Azure Traffic Manager profile: only Teams' own name is trusted.
    ['https://attacker.trafficmanager.net/', 'host_not_allowed'],
    ['https://127.0.0.1:8443/', 'host_not_allowed'],
    ['http://smba.trafficmanager.net/amer/', 'not_https'],
  ])('refuses %s (%s)', (url, problem) => expect(checkServiceUrl(url, policy(true))).toBe(problem));
});

describe('host patterns and loopback addresses', () => {
  it('matches *.x on subdomains only, and exact names exactly', () => {
    expect(hostMatches('a.botframework.com', '*.botframework.com')).toBe(true);
    expect(hostMatches('A.B.BotFramework.com.', '*.botframework.com')).toBe(true);
    expect(hostMatches('botframework.com', '*.botframework.com')).toBe(false);
    expect(hostMatches('xbotframework.com', '*.botframework.com')).toBe(false);
    expect(hostMatches('smba.trafficmanager.net', 'smba.trafficmanager.net')).toBe(true);
    expect(hostMatches('x.smba.trafficmanager.net', 'smba.trafficmanager.net')).toBe(false);
  });

  it('knows loopback socket addresses, IPv4, IPv6 and mapped', () => {
    for (const a of ['127.0.0.1', '127.8.9.10', '::1', '::ffff:127.0.0.1']) expect(isLoopbackAddress(a), a).toBe(true);
    for (const a of ['10.0.0.1', '192.168.1.2', '::ffff:10.0.0.1', 'fe80::1', '', undefined])
      expect(isLoopbackAddress(a), String(a)).toBe(false);
    expect(isLoopbackHost('[::1]')).toBe(true);
    expect(isLoopbackHost('localhost')).toBe(true);
    expect(isLoopbackHost('localhost.evil.example')).toBe(false);
  });

  it('reads BOTFRAMEWORK_SERVICE_URL_HOSTS as a lower-case list and refuses junk', () => {
    expect(
      parseConfig({ BOTFRAMEWORK_SERVICE_URL_HOSTS: ' Bots.Example.com , *.teams.example ' })
        .BOTFRAMEWORK_SERVICE_URL_HOSTS,
    ).toEqual(['bots.example.com', '*.teams.example']);
    expect(() => parseConfig({ BOTFRAMEWORK_SERVICE_URL_HOSTS: 'https://x.example/' })).toThrow(
      /BOTFRAMEWORK_SERVICE_URL_HOSTS/,
    );
    expect(() => parseConfig({ BOTFRAMEWORK_SERVICE_URL_HOSTS: ' , ' })).toThrow(/BOTFRAMEWORK_SERVICE_URL_HOSTS/);
  });
});
