// How the cache keeps and replays a reply in one client dialect (Anthropic Messages, OpenAI
// Responses): the complete JSON reply is what is stored, whether it came as JSON or as an
// event stream (reassembled), and a hit is answered as JSON or as the dialect's events.

export type DialectReply = Record<string, unknown>;

export interface CachedDialect {
  /**
   * False for a request whose answer must not come from (or go to) the cache, because the
   * call has state the cache cannot see; absent: every request may be cached.
   */
  cacheable?(body: Readonly<Record<string, unknown>>): boolean;
  /** The reply to store from a streamed answer's events; undefined when it is not whole. */
  fromEvents(events: ReadonlyArray<Record<string, unknown>>): DialectReply | undefined;
  /** A stored reply under a fresh id (and time, where the dialect has one). */
  renew(reply: DialectReply): DialectReply;
  /** The stored reply as the dialect's SSE frames, as its own stream would send them. */
  toEvents(reply: DialectReply): string[];
}
