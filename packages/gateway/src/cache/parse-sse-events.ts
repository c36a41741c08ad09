// A captured event stream's text → its events, for the cache to reassemble a streamed reply
// of the Anthropic or Responses dialect. Each frame's `data:` lines are joined and parsed as
// JSON; a frame whose data is not JSON (OpenAI's `[DONE]`) is skipped.

export interface SseEvent {
  event: string | undefined;
  data: Record<string, unknown>;
}

export function parseSseEvents(text: string): SseEvent[] {
  const events: SseEvent[] = [];
  for (const frame of text.split(/\r?\n\r?\n/)) {
    let event: string | undefined;
    const data: string[] = [];
    for (const line of frame.split(/\r?\n/)) {
      if (line.startsWith('event:')) event = line.slice(6).trim();
      else if (line.startsWith('data:')) data.push(line.slice(line.startsWith('data: ') ? 6 : 5));
    }
    if (data.length === 0) continue;
    try {
      const parsed: unknown = JSON.parse(data.join('\n'));
      if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) events.push({ event, data: parsed as Record<string, unknown> });
    } catch {
      // Not JSON: a sentinel such as [DONE], not an event of these dialects.
    }
  }
  return events;
}
