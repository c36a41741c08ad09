// Starts one target and wraps what every scenario needs about it: the process, its port,
// the request of each kind, and measure() (quiet machine first, foreign CPU recorded).
// Checks one plain and one streamed request before anything is measured.

import { checkTarget } from './check-target.mjs';
import { measureQuietly } from './measure-quietly.mjs';
import { stopProcess } from './processes.mjs';

export async function openSession(target, { upstream, layout, options, runDir }) {
  const started = await target.start({ upstream, core: layout.proxyCore, runDir });
  const session = {
    id: target.id,
    label: target.label,
    started,
    upstream,
    layout,
    options,
    request: (kind) => target.request(kind, started, upstream),
    measure: (fn) => measureQuietly([upstream.proc.pid, started.proc.pid], fn),
    close: async () => {
      if (started.own) await stopProcess(started.proc);
    },
  };
  try {
    await checkTarget(started.port, session.request, 'json');
  } catch (error) {
    await session.close();
    throw error;
  }
  // A target whose streaming is broken still gets its request/response numbers.
  try {
    await checkTarget(started.port, session.request, 'stream');
    session.streamError = undefined;
  } catch (error) {
    session.streamError = error instanceof Error ? error.message : String(error);
  }
  return session;
}
