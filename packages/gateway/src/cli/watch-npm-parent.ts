// Under `npx llmux`, npm passes a SIGTERM to its `sh -c`, which dies of it without passing it
// on: the gateway would live on, orphaned. npm sets npm_command, so only then is the parent's
// exit read as the signal (a gateway started from a shell that exits must outlive it).

/** How often an `npx llmux` process looks whether its parent is still there. */
const PARENT_POLL_MS = 500;

export function watchNpmParent(onGone: () => void): void {
  if (process.env['npm_command'] === undefined) return;
  const parent = process.ppid;
  const watch = setInterval(() => {
    if (process.ppid === parent) return;
    clearInterval(watch);
    onGone();
  }, PARENT_POLL_MS);
  watch.unref();
}
