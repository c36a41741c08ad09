// Where a fake stream is cut for `failAfterChunks` / `dropAfterChunks`: only content-bearing
// events count, so a test's number means "this many pieces of the answer arrived".

/** Index of the event before which the stream is cut (the (count+1)-th content event), or -1. */
export function cutIndex(events: ReadonlyArray<{ readonly content: boolean }>, count: number): number {
  let seen = 0;
  for (let index = 0; index < events.length; index += 1) {
    if (!events[index]?.content) continue;
    if (seen === count) return index;
    seen += 1;
  }
  return -1;
}
