// What a hook may ask of an operation's reply (the response cache stores it): the complete
// reply before it is sent, or each chunk of a stream. Absent on calls no hook watches, so the
// common path pays one property check.

export interface ReplyCapture {
  /** The complete reply; returns the one to send (the same, or merged with cached parts). */
  reply<Reply extends object>(result: Reply): Reply | Record<string, unknown>;
  /** Each chunk of a streamed reply, as it is written. */
  chunk(chunk: unknown): void;
}
