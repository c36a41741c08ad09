// A function that runs at most once per interval (later calls in it are dropped): for log
// lines an outage would otherwise write on every request, flush or sync.

export function throttleCalls<Argument>(run: (argument: Argument) => void, intervalMs = 10_000): (argument: Argument) => void {
  let lastAt = Number.NEGATIVE_INFINITY;
  return (argument) => {
    const now = Date.now();
    if (now - lastAt < intervalMs) return;
    lastAt = now;
    run(argument);
  };
}
