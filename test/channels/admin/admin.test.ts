import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp } from '../../../src/app.js';
import { parseConfig } from '../../../src/config/env.js';
import { loadCorpusData } from '../../../src/corpus/corpus.js';
import { silentLogger } from '../../../src/logger.js';
import { entry, reviewHarness } from '../../review/fixtures.js';

const TOKEN = 'test-admin-token-0123456789';
const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
});

async function start(env: Record<string, string> = { ADMIN_TOKEN: TOKEN }) {
  const h = await reviewHarness();
  const config = parseConfig(env);
  const app = createApp(
    { config, logger: silentLogger, feedback: h.feedback, getBot: () => undefined },
    { review: () => h.service },
  );
  const server = createServer(app);
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { ...h, base };
}

const bearer = { authorization: `Bearer ${TOKEN}` };
const formBody = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
const formHeaders = (extra: Record<string, string> = {}) => ({
  'content-type': 'application/x-www-form-urlencoded',
  ...extra,
});

async function login(base: string): Promise<string> {
  const res = await fetch(`${base}/admin/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: formHeaders({ origin: base }),
    body: formBody({ token: TOKEN }),
  });
  expect(res.status).toBe(303);
  return (res.headers.get('set-cookie') ?? '').split(';')[0] as string;
}

describe('/admin', () => {
  it('is off (404) without ADMIN_TOKEN', async () => {
    const { base } = await start({});
    expect((await fetch(`${base}/admin`)).status).toBe(404);
    expect((await fetch(`${base}/admin/api/summary`, { headers: bearer })).status).toBe(404);
  });

  it('needs the token: 401 login form for the page, 401 JSON error for the API, a wrong token is 401 too', async () => {
    const { base } = await start();
    const page = await fetch(`${base}/admin`);
    expect(page.status).toBe(401);
    expect(await page.text()).toContain('action="/admin/login"');
    const api = await fetch(`${base}/admin/api/summary`, { headers: { authorization: 'Bearer nope' } });
    expect(api.status).toBe(401);
    expect(await api.json()).toEqual({ error: { code: 'unauthorized', message: expect.any(String) } });
    const ok = await fetch(`${base}/admin/api/summary`, { headers: bearer });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ days: 30, clusters: [], counts: { total: 0 } });
    const bad = await fetch(`${base}/admin/api/summary?days=zero`, { headers: bearer });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { code: 'invalid_days' } });
  });

  it('login sets an HttpOnly SameSite=Strict cookie (Secure behind https) that opens the page; a wrong token does not', async () => {
    const { base } = await start({ ADMIN_TOKEN: TOKEN, TRUST_PROXY: 'true' });
    const wrong = await fetch(`${base}/admin/login`, {
      method: 'POST',
      redirect: 'manual',
      headers: formHeaders({ origin: base }),
      body: formBody({ token: 'guess' }),
    });
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get('set-cookie')).toBeNull();
    const res = await fetch(`${base}/admin/login`, {
      method: 'POST',
      redirect: 'manual',
      headers: formHeaders({ origin: base }),
      body: formBody({ token: TOKEN }),
    });
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(cookie).not.toMatch(/Secure/);
    expect(cookie).not.toContain(TOKEN);
    const https = await fetch(`${base}/admin/login`, {
      method: 'POST',
      redirect: 'manual',
      headers: formHeaders({ origin: base.replace('http:', 'https:'), 'x-forwarded-proto': 'https' }),
      body: formBody({ token: TOKEN }),
    });
    expect(https.headers.get('set-cookie')).toMatch(/; Secure/);
    const page = await fetch(`${base}/admin`, { headers: { cookie: cookie.split(';')[0] as string } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<h1>Staff review</h1>');
    const forged = await fetch(`${base}/admin`, { headers: { cookie: 'admin_session=deadbeef' } });
    expect(forged.status).toBe(401);
  });

  it('escapes visitor text and serves no script under the CSP', async () => {
    const h = await start();
    await h.questionLog.append(entry({ question: '<script>alert("x")</script> does insurance pay?' }));
    const res = await fetch(`${h.base}/admin`, { headers: bearer });
    const html = await res.text();
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; does insurance pay?');
    expect(html).not.toMatch(/<script/i);
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
  });

  it('refuses cookie POSTs without the own Origin or the form token (CSRF); accepts with both and writes the bank file', async () => {
    const h = await start();
    await h.questionLog.append(entry({ question: 'Can ketamine help with my low mood?' }));
    const cookie = await login(h.base);
    const page = await (await fetch(`${h.base}/admin`, { headers: { cookie } })).text();
    const csrf = /name="csrf" value="([0-9a-f]+)"/.exec(page)?.[1] as string;
    const clusterKey = /name="clusterKey" value="([^"]+)"/.exec(page)?.[1] as string;
    const unit = h.units[5];
    if (!unit) throw new Error('fixture');
    const fields = { clusterKey, action: 'accept', unitId: unit.id, question: 'Can ketamine lift a low mood?' };
    const post = (headers: Record<string, string>, body: Record<string, string>) =>
      fetch(`${h.base}/admin/decide`, {
        method: 'POST',
        redirect: 'manual',
        headers: formHeaders({ cookie, ...headers }),
        body: formBody(body),
      });
    expect((await post({}, { ...fields, csrf })).status).toBe(403);
    expect((await post({ origin: 'https://evil.example' }, { ...fields, csrf })).status).toBe(403);
    expect((await post({ origin: h.base }, fields)).status).toBe(403);
    expect((await post({ origin: h.base }, { ...fields, csrf: 'f'.repeat(64) })).status).toBe(403);
    expect(h.reviews.items).toEqual([]);
    const ok = await post({ origin: h.base }, { ...fields, csrf });
    expect(ok.status).toBe(303);
    expect(h.reviews.items).toEqual([expect.objectContaining({ clusterKey, action: 'accept', unitId: unit.id })]);
    const data = await loadCorpusData(resolve('corpus'), undefined, h.options.acceptedQuestionsFile);
    expect(data.bank).toContainEqual({ text: 'Can ketamine lift a low mood?', unitId: unit.id, source: 'bank' });
    const after = await (await fetch(`${h.base}/admin`, { headers: { cookie } })).text();
    expect(after).toContain('Nothing to review.');
  });

  it('JSON decisions: bad input is a 4xx error body, a good one is stored', async () => {
    const h = await start();
    await h.questionLog.append(entry({ question: 'How long does an infusion last?' }));
    const key = (await (await fetch(`${h.base}/admin/api/summary`, { headers: bearer })).json()).clusters[0].key;
    const send = (body: unknown) =>
      fetch(`${h.base}/admin/api/decisions`, {
        method: 'POST',
        headers: { ...bearer, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    for (const [body, status, code] of [
      [{ clusterKey: key, action: 'explode' }, 400, 'invalid_decision'],
      [{ clusterKey: key, action: 'dismiss', extra: 1 }, 400, 'invalid_decision'],
      [{ clusterKey: 'c-unknown', action: 'dismiss' }, 404, 'unknown_cluster'],
      [{ clusterKey: key, action: 'accept', unitId: 'nope#9' }, 400, 'unknown_unit'],
    ] as const) {
      const res = await send(body);
      expect(res.status, JSON.stringify(body)).toBe(status);
      expect(await res.json()).toEqual({ error: { code, message: expect.any(String) } });
    }
    const bad = await fetch(`${h.base}/admin/api/decisions`, {
      method: 'POST',
      headers: { ...bearer, 'content-type': 'application/json' },
      body: '{',
    });
    expect(bad.status).toBe(400);
    const ok = await send({ clusterKey: key, action: 'dismiss' });
    expect(ok.status).toBe(201);
    expect(h.reviews.items).toEqual([expect.objectContaining({ clusterKey: key, action: 'dismiss', by: 'admin' })]);
  });

  it('limits sign-in attempts per client (429 after 10 a minute)', async () => {
    const { base } = await start();
    const attempt = () =>
      fetch(`${base}/admin/login`, {
        method: 'POST',
        redirect: 'manual',
        headers: formHeaders({ origin: base }),
        body: formBody({ token: 'guess' }),
      });
    for (let i = 0; i < 10; i++) expect((await attempt()).status).toBe(401);
    const limited = await attempt();
    expect(limited.status).toBe(429);
    expect(await limited.json()).toMatchObject({ error: { code: 'rate_limited' } });
  });
});
