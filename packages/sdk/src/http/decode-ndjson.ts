// Newline-delimited JSON decoding, once for every provider: bytes in, one line of text out
// per record. Parsing stays with the caller, which knows how to name a malformed line.

export async function* decodeNdjson(body: AsyncIterable<Uint8Array | string>): AsyncGenerator<string> {
  const decoder = new TextDecoder();
  let buffer = '';
  for await (const chunk of body) {
    buffer += typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
    let newline = buffer.indexOf('\n');
    if (newline === -1) continue;
    let start = 0;
    while (newline !== -1) {
      // trim() drops the CR of CRLF endings and blank padding some proxies add.
      const line = buffer.slice(start, newline).trim();
      if (line !== '') yield line;
      start = newline + 1;
      newline = buffer.indexOf('\n', start);
    }
    buffer = buffer.slice(start);
  }
  // A last record the upstream did not terminate with a newline still counts.
  const last = (buffer + decoder.decode()).trim();
  if (last !== '') yield last;
}
