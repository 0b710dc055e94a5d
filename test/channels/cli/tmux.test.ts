import { execFile, execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

/**
 * `npm run chat` as a user sees it: in a real terminal (a detached tmux pane, 60 columns), one question and
 * `/help`, then the captured pane is checked. Takes ~2–4 s. Without tmux the test is skipped with a message
 * locally, and fails in CI (`CI=true`), where .ci/run installs it.
 */
const COLUMNS = 60;
const run = promisify(execFile);
const hasTmux = (() => {
  try {
    execFileSync('tmux', ['-V'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

/** Every word in the corpus and the source (the bot's fixed texts): a broken word would leave fragments outside it. */
function knownWords(): Set<string> {
  const words = new Set<string>();
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (/\.(md|ya?ml|ts)$/.test(name))
        for (const w of readFileSync(path, 'utf8')
          .toLowerCase()
          .match(/[a-z]+/g) ?? [])
          words.add(w);
    }
  };
  walk('corpus');
  walk('src');
  return words;
}

describe('npm run chat in a 60-column terminal (tmux)', () => {
  it('wraps every line to the pane at word boundaries with hanging indents, and /help lists the commands', async (ctx) => {
    if (!hasTmux) {
      if (process.env.CI === 'true') throw new Error('tmux is missing in CI: .ci/run must install it');
      ctx.skip('tmux is not installed (apt-get install tmux): the terminal test of npm run chat did not run');
    }
    // A private tmux server (its own socket), so the developer's sessions are never touched.
    const tmux = (...args: string[]) => run('tmux', ['-L', `faq-cli-test-${process.pid}`, '-f', '/dev/null', ...args]);
    const capture = async () => (await tmux('capture-pane', '-p', '-J', '-S', '-', '-t', 'chat')).stdout;
    /** Polls the pane until `done` holds (the chat answers in about a second), failing after `ms`. */
    const waitFor = async (done: (pane: string) => boolean, ms = 20_000) => {
      const until = Date.now() + ms;
      for (;;) {
        const pane = await capture();
        if (done(pane)) return pane;
        if (Date.now() > until) throw new Error(`timed out; pane:\n${pane}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    };
    const prompts = (pane: string) => pane.split('\n').filter((l) => l.startsWith('you> ')).length;
    try {
      await tmux('new-session', '-d', '-s', 'chat', '-x', String(COLUMNS), '-y', '200', 'npm run -s chat');
      await waitFor((p) => prompts(p) === 1);
      await tmux('send-keys', '-t', 'chat', 'What are the side effects of ketamine therapy?', 'Enter');
      await waitFor((p) => prompts(p) === 2);
      await tmux('send-keys', '-t', 'chat', '/help', 'Enter');
      const pane = await waitFor((p) => prompts(p) === 3);
      await tmux('send-keys', '-t', 'chat', '/quit', 'Enter');

      // -J joins the lines tmux itself wrapped: any line longer than the pane shows up here as one.
      const lines = pane.split('\n').map((l) => l.trimEnd());
      for (const l of lines) expect(l.length, `too long: ${l}`).toBeLessThanOrEqual(COLUMNS);
      const known = knownWords();
      const broken = lines.flatMap((l) => l.toLowerCase().match(/[a-z]+/g) ?? []).filter((w) => !known.has(w));
      expect(broken, 'word fragments (a word broken across lines)').toEqual([]);

      const start = lines.findIndex((l) => l.startsWith('bot> '));
      const reply = lines.slice(
        start,
        lines.findIndex((l, i) => i > start && l.startsWith('you> ')),
      );
      expect(start).toBeGreaterThan(0);
      // Under "bot> ", every line is indented; under "[n] ", a source's quote and its wrapped lines sit at 5 + 6.
      for (const l of reply.slice(1)) if (l !== '') expect(l, l).toMatch(/^ {5}/);
      const source = reply.findIndex((l) => /^ {5} {2}\[1\] /.test(l));
      expect(source).toBeGreaterThan(0);
      const quote = reply.slice(source + 1, reply.indexOf('', source));
      expect(quote.length, 'a quote that needs wrapping at 60 columns').toBeGreaterThan(1);
      for (const l of quote) expect(l, l).toMatch(/^ {11}\S/);

      const help = lines.slice(lines.lastIndexOf('you> /help'));
      expect(help[2]).toBe('bot> Commands:');
      for (const c of ['/help', '/new', '/sources', '/quit']) expect(help.join('\n')).toContain(`- ${c}`);
      expect(help.join('\n')).not.toMatch(/FAQ bot about ketamine/);
    } finally {
      await tmux('kill-server').catch(() => undefined);
    }
  });
});
