import { expect } from 'vitest';

/** Reads Server-Sent Events until `until` is satisfied (bounded by `maxEvents`), then closes the stream. */
export async function readEvents(
  url: string,
  until: (events: any[]) => boolean,
  headers: Record<string, string> = {},
  maxEvents = 50,
) {
  const controller = new AbortController();
  const response = await fetch(url, { signal: controller.signal, headers });
  expect(response.headers.get('content-type')).toMatch(/text\/event-stream/);
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  const events: any[] = [];
  let buffer = '';
  while (!until(events) && events.length < maxEvents) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += decoder.decode(value, { stream: true });
    let end: number;
    for (end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const data = block.split('\n').find((line) => line.startsWith('data: '));
      const id = block.split('\n').find((line) => line.startsWith('id: '));
      if (data) events.push({ seq: Number(id?.slice(4)), ...JSON.parse(data.slice(6)) });
    }
  }
  controller.abort();
  return events;
}
