import { mkdir } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { createServer, type Server } from 'node:http';
import type { Browser, Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, SCREENSHOT_DIR } from '../../helpers/chromium.js';
import { getRealBot } from '../../helpers/real-bot.js';
import { recording, startApp } from '../botframework/helpers.js';

/** Asks through Web Chat's send box and waits for a bot answer that carries the sources card. */
async function ask(chat: Page | Frame, question: string): Promise<void> {
  const before = await chat.locator('.webchat__bubble:not(.webchat__bubble--from-user)').count();
  const input = chat.locator('[data-id="webchat-sendbox-input"]');
  await input.fill(question);
  await input.press('Enter');
  await chat.locator('.webchat__bubble--from-user', { hasText: question }).first().waitFor();
  await expect
    .poll(() => chat.locator('.webchat__bubble:not(.webchat__bubble--from-user)').count(), { timeout: 30_000 })
    .toBeGreaterThan(before);
}

describe('Web Chat in Debian Chromium (real bot)', () => {
  let browser: Browser;
  let app: Awaited<ReturnType<typeof startApp>>;
  let bot: Awaited<ReturnType<typeof getRealBot>> & { replies: { meta: { turnId: string }; kind: string }[] };
  let host: Server;
  let hostUrl: string;

  beforeAll(async () => {
    await mkdir(SCREENSHOT_DIR, { recursive: true });
    bot = recording(await getRealBot());
    // A plain third-party page that only adds the one script tag.
    host = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end(`<!doctype html><html lang="en"><head><meta name="viewport" content="width=device-width, initial-scale=1"><title>Clinic</title></head>
<body><h1>Riverside Clinic</h1><p>Our services and opening hours.</p><script src="${app.url}/widget.js" async></script></body></html>`);
    });
    await new Promise<void>((resolve) => host.listen(0, '127.0.0.1', resolve));
    hostUrl = `http://127.0.0.1:${(host.address() as AddressInfo).port}/`;
    // The host site must be allowed to frame the chat (CSP frame-ancestors); by default only the bot's own origin is.
    app = await startApp({ bot, env: { WEBCHAT_ALLOWED_ORIGINS: new URL(hostUrl).origin } });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await new Promise((resolve) => host?.close(resolve));
  });

  it('answers on / with sources, follows a suggested question, and records a thumbs vote', async () => {
    const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('request', (request) => {
      // Everything must come from our server (no CDN); blob:/data: URLs are made in the page itself.
      if (!/^(blob|data):/.test(request.url()) && !request.url().startsWith(app.url))
        errors.push(`external request: ${request.url()}`);
    });
    await page.goto(`${app.url}/`);
    await page.locator('#chat-disclaimer').waitFor();
    expect(await page.locator('#chat-disclaimer').textContent()).toContain('in a crisis call or text 988');
    await page.locator('.webchat__bubble', { hasText: 'only five published articles' }).waitFor({ timeout: 30_000 });
    await page.screenshot({ path: `${SCREENSHOT_DIR}/webchat-welcome.png` });

    await ask(page, 'What are the side effects of ketamine?');
    const answer = page.locator('.webchat__bubble:not(.webchat__bubble--from-user)').last();
    await answer.locator('text=Sources').waitFor({ timeout: 30_000 });
    expect(await answer.textContent()).toMatch(/\[1\]/);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/webchat-answer.png`, fullPage: true });

    const suggestion = page.locator('.webchat__suggested-action').first();
    const suggestionText = (await suggestion.textContent())?.trim() ?? '';
    expect(suggestionText.length).toBeGreaterThan(5);
    const repliesBefore = bot.replies.length;
    await suggestion.click();
    await page.locator('.webchat__bubble--from-user', { hasText: suggestionText }).first().waitFor({ timeout: 30_000 });
    await expect.poll(() => bot.replies.length, { timeout: 30_000 }).toBe(repliesBefore + 1);

    const lastReply = bot.replies.at(-1)!;
    const thumbsUp = page.locator('button.webchat__thumb-button').first();
    await thumbsUp.waitFor({ timeout: 30_000 });
    await page.locator('button.webchat__thumb-button').nth(-2).click();
    await expect
      .poll(() => app.feedback.items.find((f) => f.turnId === lastReply.meta.turnId), { timeout: 15_000 })
      .toMatchObject({ rating: 'up', kind: lastReply.kind, channel: 'webchat' });
    await page.screenshot({ path: `${SCREENSHOT_DIR}/webchat-feedback.png`, fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('works through /widget.js on a plain host page, at phone width, by keyboard', async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    await page.goto(hostUrl);
    const button = page.getByRole('button', { name: 'Ask about ketamine' });
    await button.waitFor();
    await page.screenshot({ path: `${SCREENSHOT_DIR}/widget-closed-phone.png` });
    await button.focus();
    await page.keyboard.press('Enter');
    expect(await button.getAttribute('aria-expanded')).toBe('true');
    const frame = page.frameLocator('iframe[title="Ketamine therapy FAQ chat"]');
    await frame.locator('.webchat__bubble', { hasText: 'only five published articles' }).waitFor({ timeout: 30_000 });
    const chat = page.frames().find((f) => f.url().includes('embed=1'))!;
    await ask(chat, 'Is ketamine addictive?');
    const answer = chat.locator('.webchat__bubble:not(.webchat__bubble--from-user)').last();
    await expect.poll(async () => (await answer.textContent()) ?? '', { timeout: 30_000 }).toMatch(/\S{3,}/);
    const panel = await page.locator('#kfb-widget-panel').boundingBox();
    expect(panel?.width).toBeLessThanOrEqual(390);
    expect(await chat.locator('#chat-disclaimer').textContent()).toContain('not medical advice');
    await page.screenshot({ path: `${SCREENSHOT_DIR}/widget-open-phone.png` });

    await page.getByRole('button', { name: 'Close chat' }).click();
    expect(await button.getAttribute('aria-expanded')).toBe('false');
    expect(await page.locator('#kfb-widget-panel').isHidden()).toBe(true);
    await page.close();
  });
});
