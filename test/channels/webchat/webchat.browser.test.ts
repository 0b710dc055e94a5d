import { mkdir } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { createServer, type Server } from 'node:http';
import type { Browser, Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FOOTER } from '../../../src/chat/handle-turn.js';
import { launchChromium, SCREENSHOT_DIR } from '../../helpers/chromium.js';
import { getRealBot } from '../../helpers/real-bot.js';
import { recording } from '../botframework/helpers.js';
import { startRestartableApp } from './restartable-app.js';

const BOT_BUBBLE = '.webchat__bubble:not(.webchat__bubble--from-user)';

/** Asks through Web Chat's send box and waits for a new bot bubble. */
async function ask(chat: Page | Frame, question: string): Promise<void> {
  const before = await chat.locator(BOT_BUBBLE).count();
  const input = chat.locator('[data-id="webchat-sendbox-input"]');
  await input.fill(question);
  await input.press('Enter');
  await chat.locator('.webchat__bubble--from-user', { hasText: question }).first().waitFor();
  await expect.poll(() => chat.locator(BOT_BUBBLE).count(), { timeout: 30_000 }).toBeGreaterThan(before);
}

/** Records window.open calls in every frame (tel:/sms: cannot be observed any other way in headless Chromium). */
const RECORD_OPENS = `window.__opened = []; const open = window.open.bind(window);
window.open = (url, ...rest) => { window.__opened.push(String(url)); return /^(tel|sms):/.test(String(url)) ? null : open(url, ...rest); };`;

describe('Web Chat in Debian Chromium (real bot)', () => {
  let browser: Browser;
  let app: Awaited<ReturnType<typeof startRestartableApp>>;
  let bot: Awaited<ReturnType<typeof getRealBot>> & { replies: { meta: { turnId: string }; kind: string }[] };
  let host: Server;
  let hostUrl: string;
  /** Host pages by path: each test writes the page it needs. */
  const hostPages = new Map<string, string>();

  beforeAll(async () => {
    await mkdir(SCREENSHOT_DIR, { recursive: true });
    bot = recording(await getRealBot());
    host = createServer((req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end(hostPages.get(req.url ?? '/') ?? '<!doctype html><title>none</title>');
    });
    await new Promise<void>((resolve) => host.listen(0, '127.0.0.1', resolve));
    hostUrl = `http://127.0.0.1:${(host.address() as AddressInfo).port}`;
    // The host site must be allowed to frame the chat (CSP frame-ancestors); by default only the bot's own origin is.
    app = await startRestartableApp({ bot, env: { WEBCHAT_ALLOWED_ORIGINS: hostUrl } });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await new Promise((resolve) => host?.close(resolve));
  });

  /** A plain third-party page: the host's `* {}` font rule, a fixed corner link, long content, and our script. */
  function hostPage(path: string, scriptTag: string): string {
    hostPages.set(
      path,
      `<!doctype html><html lang="en"><head><meta name="viewport" content="width=device-width, initial-scale=1"><title>Clinic</title>
<style>* { font-family: "Comic Sans MS", cursive !important; } .corner { position: fixed; right: 20px; bottom: 20px; }</style></head>
<body><h1>Riverside Clinic</h1><p>Our services and opening hours.</p><div style="height: 3000px"></div>
<a class="corner" href="#top">Back to top</a>${scriptTag}</body></html>`,
    );
    return `${hostUrl}${path}`;
  }

  it('answers on / in paragraphs with linked [n] and sources that open the article at the quoted unit', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('request', (request) => {
      if (!/^(blob|data):/.test(request.url()) && !request.url().startsWith(app.url))
        errors.push(`external request: ${request.url()}`);
    });
    await page.goto(`${app.url}/`);
    expect(await page.locator('#chat-disclaimer').textContent()).toContain('in a crisis call or text 988');
    await page.locator('.webchat__bubble', { hasText: 'only five published articles' }).waitFor({ timeout: 30_000 });

    await ask(page, 'What are the side effects of ketamine?');
    // One transcript entry: the answer bubble and its Sources card.
    const answer = page.locator('.webchat__basic-transcript__activity').last();
    await answer.locator('text=Sources').waitFor({ timeout: 30_000 });
    // The disclaimer is shown once, under the input, not in the bubble.
    expect(await answer.textContent()).not.toContain(FOOTER.replace(/_/g, ''));
    const reply = bot.replies.at(-1) as unknown as { citations: { n: number; chunkId: string; quote: string }[] };
    const first = reply.citations[0]!;
    const marker = answer.locator('a', { hasText: `[${first.n}]` }).first();
    expect(await marker.getAttribute('href')).toBe(
      `${app.url}/articles/${first.chunkId.split('#')[0]}#unit-${first.chunkId.split('#')[1]}`,
    );
    expect(await answer.locator('.ac-adaptiveCard a').count()).toBe(reply.citations.length);
    // The Sources card: a title link and an excerpt of at most ~140 characters, not the whole quote again.
    const card = answer.locator('.ac-adaptiveCard');
    const cardText = (await card.textContent()) ?? '';
    for (const c of reply.citations) if (c.quote.length > 150) expect(cardText).not.toContain(c.quote);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/webchat-answer.png`, fullPage: true });

    const [article] = await Promise.all([page.waitForEvent('popup'), marker.click()]);
    await article.waitForLoadState();
    const anchor = `unit-${first.chunkId.split('#')[1]}`;
    expect(new URL(article.url()).pathname).toBe(`/articles/${first.chunkId.split('#')[0]}`);
    expect(new URL(article.url()).hash).toBe(`#${anchor}`);
    const target = article.locator(':target');
    expect(await target.getAttribute('id')).toBe(anchor);
    expect((await target.textContent())?.replace(/\s+/g, ' ')).toContain(first.quote.split(' ').slice(0, 6).join(' '));
    // Highlighted: the :target rule gives it a background the other units do not have.
    const background = await target.evaluate((el) => getComputedStyle(el).backgroundColor);
    expect(background).not.toBe('rgba(0, 0, 0, 0)');
    await article.screenshot({ path: `${SCREENSHOT_DIR}/article-target.png` });
    await article.close();

    // The conversation survives a reload (sessionStorage), transcript included.
    await page.reload();
    await page
      .locator('.webchat__bubble--from-user', { hasText: 'What are the side effects' })
      .waitFor({ timeout: 15_000 });
    // "New conversation" starts over: a fresh welcome, none of the old messages.
    await Promise.all([page.waitForEvent('load'), page.locator('#chat-new').click()]);
    await page.locator('.webchat__bubble', { hasText: 'only five published articles' }).waitFor({ timeout: 30_000 });
    expect(await page.locator('.webchat__bubble--from-user').count()).toBe(0);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('thumbs are at least 24 px, a vote is acknowledged, and a thumbs-down comment is stored', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(`${app.url}/`);
    await ask(page, 'Is ketamine addictive?');
    const lastReply = bot.replies.at(-1)!;
    const down = page.locator('button.webchat__thumb-button').last();
    await down.waitFor({ timeout: 30_000 });
    const box = await down.boundingBox();
    expect(box!.width).toBeGreaterThanOrEqual(24);
    expect(box!.height).toBeGreaterThanOrEqual(24);
    // Thumbs up first: acknowledged and stored; then the visitor changes their mind.
    await page.locator('button.webchat__thumb-button').nth(-2).click();
    await page.locator('#chat-feedback-label', { hasText: 'Thanks for your feedback' }).waitFor({ timeout: 15_000 });
    await expect
      .poll(() => app.feedback.items.find((f) => f.turnId === lastReply.meta.turnId)?.rating, { timeout: 15_000 })
      .toBe('up');
    await down.click();
    await page.locator('#chat-feedback-comment').waitFor();
    expect(await page.locator('#chat-feedback-label').textContent()).toContain('What was wrong');
    await expect
      .poll(() => app.feedback.items.find((f) => f.turnId === lastReply.meta.turnId), { timeout: 15_000 })
      .toMatchObject({ rating: 'down', channel: 'webchat' });
    await page.locator('#chat-feedback-comment').fill('It did not say how long it lasts.');
    await page.screenshot({ path: `${SCREENSHOT_DIR}/webchat-feedback-comment.png` });
    await page.locator('#chat-feedback-send').click();
    await page.locator('#chat-feedback-label', { hasText: 'your comment was sent' }).waitFor();
    await expect
      .poll(() => app.feedback.items.filter((f) => f.turnId === lastReply.meta.turnId), { timeout: 15_000 })
      .toEqual([expect.objectContaining({ rating: 'down', comment: 'It did not say how long it lasts.' })]);
    await page.close();
  });

  it('renders the crisis reply as a distinct card whose buttons open tel: and sms:', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.addInitScript(RECORD_OPENS);
    await page.goto(`${app.url}/`);
    await ask(page, 'I want to kill myself');
    const card = page.locator(BOT_BUBBLE).last().locator('.ac-adaptiveCard');
    await card.waitFor({ timeout: 30_000 });
    const call = card.getByRole('button', { name: /Call 988/ });
    await call.click();
    await card.getByRole('button', { name: /Text 988/ }).click();
    await expect
      .poll(() => page.evaluate(() => (window as unknown as { __opened: string[] }).__opened))
      .toEqual(['tel:988', 'sms:988']);
    // Distinct: the attention container is coloured, unlike an answer bubble's white.
    const colour = await card
      .locator('.ac-container')
      .first()
      .evaluate((el) => getComputedStyle(el).backgroundColor);
    expect(colour).not.toMatch(/^rgba?\(255, 255, 255|rgba\(0, 0, 0, 0\)/);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/webchat-crisis.png` });
    await page.close();
  });

  it('widget options from data- attributes: position, colour, title, greeting, open on load; host styles stay out', async () => {
    const url = hostPage(
      '/options',
      `<script src="${app.url}/widget.js" async data-position="bottom-left" data-color="#5b2a86" data-title="Ask Riverside" data-greeting="Hello from Riverside!" data-open="true"></script>`,
    );
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(url);
    const panel = page.locator('#kfb-widget-panel');
    await panel.waitFor();
    expect(await panel.isVisible()).toBe(true);
    expect(await panel.getAttribute('aria-label')).toBe('Ask Riverside');
    const launcher = page.getByRole('button', { name: 'Ask about ketamine' });
    const box = (await launcher.boundingBox())!;
    expect(box.x).toBeLessThan(100);
    const style = await launcher.evaluate((el) => ({
      bg: getComputedStyle(el).backgroundColor,
      font: getComputedStyle(el).fontFamily,
    }));
    expect(style.bg).toBe('rgb(91, 42, 134)');
    expect(style.font).not.toContain('Comic Sans');
    expect(await launcher.locator('svg').count()).toBe(1);
    const frame = page.frameLocator('iframe[title="Ketamine therapy FAQ chat"]');
    await frame.locator('#chat-greeting', { hasText: 'Hello from Riverside!' }).waitFor({ timeout: 30_000 });
    await page.screenshot({ path: `${SCREENSHOT_DIR}/widget-options.png` });
    await page.close();

    const initUrl = hostPage(
      '/init',
      `<script src="${app.url}/widget.js" data-manual></script><script>KetamineFaqWidget.init({ title: 'From init', color: '#aa3300' });</script>`,
    );
    const second = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await second.goto(initUrl);
    const initLauncher = second.getByRole('button', { name: 'Ask about ketamine' });
    await initLauncher.click();
    expect(await second.locator('#kfb-widget-panel').getAttribute('aria-label')).toBe('From init');
    expect(await initLauncher.evaluate((el) => getComputedStyle(el).backgroundColor)).toBe('rgb(170, 51, 0)');
    await second.close();
  });

  it('on a 390×844 phone: full-screen panel, host scroll locked, Escape inside the iframe closes it', async () => {
    const url = hostPage('/phone', `<script src="${app.url}/widget.js" async></script>`);
    const page = await browser.newPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    await page.goto(url);
    const button = page.getByRole('button', { name: 'Ask about ketamine' });
    await button.waitFor();
    await page.screenshot({ path: `${SCREENSHOT_DIR}/widget-closed-phone.png` });
    await button.focus();
    await page.keyboard.press('Enter');
    expect(await button.getAttribute('aria-expanded')).toBe('true');
    const panel = await page.locator('#kfb-widget-panel').boundingBox();
    expect(panel?.width).toBeLessThanOrEqual(390);
    expect(panel?.height).toBeGreaterThanOrEqual(800);
    // Scroll lock: the page behind cannot scroll while the panel is open.
    expect(await page.evaluate(() => getComputedStyle(document.documentElement).overflow)).toBe('hidden');
    await page.mouse.wheel(0, 600);
    expect(await page.evaluate(() => window.scrollY)).toBe(0);

    const frame = page.frameLocator('iframe[title="Ketamine therapy FAQ chat"]');
    await frame.locator('.webchat__bubble', { hasText: 'only five published articles' }).waitFor({ timeout: 30_000 });
    const chat = page.frames().find((f) => f.url().includes('embed=1'))!;
    await ask(chat, 'Is ketamine addictive?');
    expect(await chat.locator('#chat-disclaimer').textContent()).toContain('not medical advice');
    await page.screenshot({ path: `${SCREENSHOT_DIR}/widget-open-phone.png` });

    // The close message is accepted only from the chat's own frame: the host page (another origin) cannot fake it.
    await page.evaluate(
      () =>
        new Promise<void>((resolve) => {
          // Listeners run in the order they were added: the widget's (added first) has handled it when this runs.
          window.addEventListener('message', () => resolve(), { once: true });
          window.postMessage({ type: 'kfb-widget:close' }, '*');
        }),
    );
    expect(await page.locator('#kfb-widget-panel').isVisible()).toBe(true);

    // Focus is inside the iframe (the send box): the host page never sees this key, the postMessage does it.
    await chat.locator('[data-id="webchat-sendbox-input"]').focus();
    await page.keyboard.press('Escape');
    await page.locator('#kfb-widget-panel').waitFor({ state: 'hidden' });
    expect(await button.getAttribute('aria-expanded')).toBe('false');
    expect(await page.evaluate(() => getComputedStyle(document.documentElement).overflow)).not.toBe('hidden');
    await page.close();
  });

  it('shows an offline banner when the server stops, queues a message, and reconnects after a restart', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(`${app.url}/`);
    await ask(page, 'What is ketamine?');
    await app.stop();
    const banner = page.locator('#chat-banner');
    await banner.waitFor({ state: 'visible', timeout: 15_000 });
    expect(await banner.textContent()).toContain('offline');

    const input = page.locator('[data-id="webchat-sendbox-input"]');
    await input.fill('Is ketamine addictive?');
    await input.press('Enter');
    await page.locator('#chat-banner-text', { hasText: '1 message will be sent' }).waitFor({ timeout: 15_000 });
    await page.screenshot({ path: `${SCREENSHOT_DIR}/webchat-offline.png` });
    const answersBefore = bot.replies.length;

    // Same port, fresh app: the old conversation is unknown there, so the page starts a new one by itself.
    await app.start();
    await banner.waitFor({ state: 'hidden', timeout: 30_000 });
    await expect.poll(() => bot.replies.length, { timeout: 30_000 }).toBeGreaterThan(answersBefore);
    await page.locator('#chat-status', { hasText: 'new conversation' }).waitFor();
    // The transcript from before the restart is still on screen.
    expect(await page.locator('.webchat__bubble--from-user', { hasText: 'What is ketamine?' }).count()).toBe(1);
    await expect.poll(() => page.locator(BOT_BUBBLE).count(), { timeout: 30_000 }).toBeGreaterThanOrEqual(3);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/webchat-reconnected.png` });
    await page.close();
  });
});
