/**
 * The `data:` payloads of a Server-Sent Events body, in order. Only what chat-completions streams use: `data:`
 * lines (joined when an event has several), blank-line event ends, comments and other fields ignored.
 */
export async function* sseData(body: AsyncIterable<Uint8Array>): AsyncGenerator<string> {
  const decoder = new TextDecoder();
  let buffer = '';
  let data: string[] = [];
  const lines = function* (final: boolean) {
    const parts = buffer.split(/\r\n|\r|\n/);
    buffer = final ? '' : (parts.pop() ?? '');
    yield* parts;
  };
  const flush = () => {
    const event = data.join('\n');
    data = [];
    return event;
  };
  for await (const chunk of body) {
    buffer += decoder.decode(chunk, { stream: true });
    for (const line of lines(false)) {
      if (line === '') {
        if (data.length > 0) yield flush();
      } else if (line.startsWith('data:')) data.push(line.slice(line.startsWith('data: ') ? 6 : 5));
    }
  }
  buffer += decoder.decode();
  for (const line of lines(true))
    if (line.startsWith('data:')) data.push(line.slice(line.startsWith('data: ') ? 6 : 5));
  if (data.length > 0) yield flush();
}
