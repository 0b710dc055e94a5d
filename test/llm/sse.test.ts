import { describe, expect, it } from 'vitest';
import { sseData } from '../../src/llm/sse.js';

async function collect(pieces: string[]): Promise<string[]> {
  const bytes = async function* () {
    for (const p of pieces) yield new TextEncoder().encode(p);
  };
  const out: string[] = [];
  for await (const data of sseData(bytes())) out.push(data);
  return out;
}

describe('sseData', () => {
  it('yields data payloads split across chunks, with CRLF, comments and multi-line data', async () => {
    expect(
      await collect(['data: {"a"', ':1}\r\n\r\n: keep-alive\n\nevent: x\ndata: one\ndata: two\n\n', 'data:[DONE]']),
    ).toEqual(['{"a":1}', 'one\ntwo', '[DONE]']);
  });

  it('decodes a multi-byte character split between chunks', async () => {
    const bytes = new TextEncoder().encode('data: café\n\n');
    const at = bytes.indexOf(0xc3) + 1;
    const chunks = async function* () {
      yield bytes.slice(0, at);
      yield bytes.slice(at);
    };
    const out: string[] = [];
    for await (const d of sseData(chunks())) out.push(d);
    expect(out).toEqual(['café']);
  });
});
