import { describe, expect, it } from 'vitest';
import { EXIT, runEvalCli } from '../../evals/lib/main.js';

async function run(args: string[]) {
  const err: string[] = [];
  const code = await runEvalCli(['--quiet', '--out', 'reports/llm-test', ...args], {
    stdout: () => {},
    stderr: (t) => err.push(t),
  });
  return { code, err: err.join('\n') };
}

describe('npm run eval -- --llm', () => {
  it('without a configured provider: a clear usage error (exit 2), before any bot loads', async () => {
    const { code, err } = await run(['--llm']);
    expect(code).toBe(EXIT.error);
    expect(err).toMatch(/--llm needs a model: set LLM_PROVIDER/);
  });

  it('with --base: refused, the deployed bot answers with its own provider', async () => {
    const { code, err } = await run(['--llm', '--base', 'http://127.0.0.1:9']);
    expect(code).toBe(EXIT.error);
    expect(err).toMatch(/--llm runs the bot in-process/);
  });
});
