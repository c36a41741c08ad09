// Turns a results object into the Markdown that goes into docs/benchmarks.md: the machine,
// the headline table, streaming, memory over time, the targets checked, and the profile.

const ms = (us) => (us === undefined || us === null ? '–' : (us / 1000).toFixed(2));
const mib = (value) => (value === undefined ? '–' : `${Math.round(value)}`);
const int = (value) => (value === undefined ? '–' : Math.round(value).toLocaleString('en-US'));

export function renderResults(results) {
  const t = results.targets;
  const direct = t['direct'];
  const rows = Object.values(t);
  const out = [];
  const m = results.machine;
  out.push(
    `Measured ${results.date.slice(0, 16).replace('T', ' ')} UTC on ${m.nproc} × ${m.cpuModel}, ${m.memoryGiB} GiB, Linux ${m.kernel}, Node ${m.node}, ${m.wrk.split(' [')[0]}; open-files limit ${m.openFilesLimit}; load average at start ${m.loadAverageAtStart.join(' / ')}.${results.options.quick ? ' **Quick run: numbers not comparable.**' : ''}`,
  );
  out.push('');
  out.push('### Request / response (non-streaming chat completion)');
  out.push('');
  out.push(
    '| target | req/s at 50 conn | vs floor | p50 / p99 at 50 conn (ms) | added p50 / p99 at 1 conn, same core (ms) | added p50 / p99 at 1 conn, split cores (ms) | req/s with p99 < 10 ms (conns) | RSS idle / under load (MiB) |',
  );
  out.push('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  const floor = t['undici-floor']?.load.throughput.rps;
  for (const row of rows) {
    const load = row.load;
    const added = (layout) => {
      const own = load[layout].latencyUs;
      if (direct === undefined || row === direct) return `${ms(own.p50)} / ${ms(own.p99)} (abs.)`;
      const base = direct.load[layout].latencyUs;
      return `${ms(own.p50 - base.p50)} / ${ms(own.p99 - base.p99)}`;
    };
    const errors = load.throughput.errors > 0 ? ` (${int(load.throughput.errors)} errors)` : '';
    out.push(
      `| ${row.label} | ${int(load.throughput.rps)}${errors} | ${floor && row.id !== 'direct' ? `${Math.round((load.throughput.rps / floor) * 100)}%` : '–'} | ${ms(load.throughput.latencyUs.p50)} / ${ms(load.throughput.latencyUs.p99)} | ${added('latencyShared')} | ${added('latencySplit')} | ${int(load.boundedRps)} (${load.boundedConnections}) | ${mib(row.idleRssMiB)} / ${mib(load.throughput.rssMiB)} |`,
    );
  }
  if (direct !== undefined) {
    out.push('');
    out.push(
      `Direct at 1 connection: p50 ${ms(direct.load.latencyShared.latencyUs.p50)} / p99 ${ms(direct.load.latencyShared.latencyUs.p99)} ms same core, ${ms(direct.load.latencySplit.latencyUs.p50)} / ${ms(direct.load.latencySplit.latencyUs.p99)} ms split. The direct row's throughput is the rig's ceiling (wrk and the upstream sharing core 1).`,
    );
  }

  out.push('');
  out.push('### Streaming');
  out.push('');
  const levels = results.options.streamLevels;
  out.push(
    `| target | TTFT p50 / p99 (ms) | added TTFT p50 / p99 (ms) | whole 20-chunk stream p50 (ms) | ${levels.map((n) => `${int(n)} streams: with first token / RSS MiB`).join(' | ')} | MiB per 1,000 streams | est. RSS at 10,000 | upstream streams still sent 3 s after clients hung up |`,
  );
  out.push(`| --- | ---: | ---: | ---: | ${levels.map(() => '---:').join(' | ')} | ---: | ---: | ---: |`);
  for (const row of rows) {
    if (row.ttft === undefined) {
      out.push(`| ${row.label} | streaming failed: ${(row.streamError ?? 'not measured').replace(/\|/g, '/').slice(0, 120)} |${' – |'.repeat(levels.length + 5)}`);
      continue;
    }
    const ttft = row.ttft.ttftUs;
    const addedTtft = direct && row !== direct ? `${ms(ttft.p50 - direct.ttft.ttftUs.p50)} / ${ms(ttft.p99 - direct.ttft.ttftUs.p99)}` : '–';
    const held = row.streams?.levels ?? [];
    const cells = levels.map((n) => {
      const level = held.find((entry) => entry.requested === n);
      return level === undefined ? '–' : `${int(level.firstToken)} / ${mib(level.rssMiB)}`;
    });
    const largest = held[held.length - 1];
    const perThousand = largest?.perThousandMiB;
    const at10k = perThousand === undefined ? undefined : row.streams.baselineMiB + perThousand * 10;
    const leftOpen = held.length === 0 ? '–' : held.map((level) => int(level.upstreamStillStreaming)).join(' / ');
    out.push(
      `| ${row.label} | ${ms(ttft.p50)} / ${ms(ttft.p99)} | ${addedTtft} | ${ms(row.ttft.totalUs.p50)} | ${cells.join(' | ')} | ${perThousand === undefined ? '–' : perThousand.toFixed(1)} | ${mib(at10k)} | ${leftOpen} |`,
    );
  }

  out.push('');
  out.push('### Memory over a long run (50 connections, RSS after each segment)');
  out.push('');
  out.push('| target | requests | seconds | RSS at 10% of run → end (MiB) | growth | max RSS (MiB) | errors |');
  out.push('| --- | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const row of rows) {
    if (row.soak === undefined) continue;
    const s = row.soak;
    out.push(
      `| ${row.label} | ${int(s.requests)} | ${s.seconds} | ${mib(s.referenceRssMiB)} → ${mib(s.finalRssMiB)} | ${s.growthPercent.toFixed(1)}% | ${mib(s.maxRssMiB)} | ${int(s.errors)} |`,
    );
  }

  if (results.scaling !== undefined) {
    out.push('');
    out.push(...renderScaling(results.scaling));
  }
  out.push('');
  out.push(...renderTargetChecks(results));
  out.push('');
  out.push(...renderConditions(results));
  if (results.profile !== undefined) {
    out.push('');
    out.push(...renderProfile(results.profile));
  }
  return `${out.join('\n')}\n`;
}

function renderScaling(scaling) {
  const one = scaling.find((row) => row.workers === 1)?.rps;
  const lines = ['### llmux with `--num_workers` (nothing pinned: workers, upstream and wrk share both cores)', ''];
  lines.push('| workers | req/s at 50 conn | vs 1 worker | p50 / p99 (ms) | errors |', '| ---: | ---: | ---: | ---: | ---: |');
  for (const row of scaling) {
    lines.push(
      `| ${row.workers} | ${int(row.rps)} | ${one === undefined ? '–' : `${(row.rps / one).toFixed(2)}×`} | ${ms(row.latencyUs.p50)} / ${ms(row.latencyUs.p99)} | ${int(row.errors)} |`,
    );
  }
  return lines;
}

function renderTargetChecks(results) {
  const t = results.targets;
  const llmux = t['llmux'];
  const lines = ['### llmux against its targets', '', '| target | measured | met |', '| --- | --- | :---: |'];
  if (llmux === undefined) return [...lines, '| (llmux not in this run) | | |'];
  const mark = (ok) => (ok === undefined ? '–' : ok ? 'yes' : '**no**');
  const floor = t['undici-floor']?.load.throughput.rps;
  const portkey = t['portkey']?.load.throughput.rps;
  const rps = llmux.load.throughput.rps;
  if (floor) lines.push(`| throughput ≥ 60% of the minimal undici proxy | ${Math.round((rps / floor) * 100)}% | ${mark(rps >= 0.6 * floor)} |`);
  if (portkey) lines.push(`| throughput ≥ 10× Portkey | ${(rps / portkey).toFixed(1)}× | ${mark(rps >= 10 * portkey)} |`);
  const direct = t['direct'];
  if (direct) {
    const p50 = (llmux.load.latencyShared.latencyUs.p50 - direct.load.latencyShared.latencyUs.p50) / 1000;
    const p99 = (llmux.load.latencyShared.latencyUs.p99 - direct.load.latencyShared.latencyUs.p99) / 1000;
    lines.push(`| added latency p50 < 0.3 ms at 1 connection (same core) | ${p50.toFixed(2)} ms | ${mark(p50 < 0.3)} |`);
    lines.push(`| added latency p99 < 1.5 ms at 1 connection (same core) | ${p99.toFixed(2)} ms | ${mark(p99 < 1.5)} |`);
  }
  if (llmux.soak) {
    const million = llmux.soak.requests >= 1_000_000;
    lines.push(
      `| memory flat (< 10% growth) over a million requests | ${llmux.soak.growthPercent.toFixed(1)}% over ${llmux.soak.requests.toLocaleString('en-US')} requests${million ? '' : ' (run --long for a million)'} | ${mark(llmux.soak.growthPercent < 10)} |`,
    );
  }
  const largest = llmux.streams?.levels.at(-1);
  if (largest) {
    const at10k = llmux.streams.baselineMiB + largest.perThousandMiB * 10;
    const allFlowing = largest.firstToken === largest.requested;
    lines.push(
      `| 10,000 concurrent streams under 1 GB RSS | ~${Math.round(at10k)} MiB (from ${largest.requested.toLocaleString('en-US')} held; ${largest.firstToken.toLocaleString('en-US')} got a first token) | ${mark(at10k < 1024 && allFlowing)} |`,
    );
  }
  return lines;
}

function renderConditions(results) {
  const all = [];
  for (const row of Object.values(results.targets)) {
    const rounds = [...row.load.throughput.rounds, ...row.load.latencySplit.rounds, ...row.load.latencyShared.rounds, ...row.load.steps, ...(row.ttft?.rounds ?? [])];
    for (const m of rounds) all.push({ row: row.label, ...m });
  }
  const noisy = all.filter((m) => m.noisy || m.foreignCpuPercent >= 15);
  const worst = all.reduce((max, m) => Math.max(max, m.foreignCpuPercent ?? 0), 0);
  const lines = ['### Run conditions', ''];
  lines.push(
    `Each figure is the best of ${results.options.rounds ?? 1} interleaved round(s). Before each round the runner waits (up to 20 s) for other processes to use < 15% of a core; during the rounds they used at most ${worst}% of one core, and ${noisy.length} of ${all.length} rounds ran above 15%${noisy.length > 0 ? ` (${[...new Set(noisy.map((m) => m.row))].join(', ')})` : ''}.`,
  );
  const llmux = results.targets['llmux'];
  if (llmux?.features) {
    const live = Object.entries(llmux.features)
      .map(([name, on]) => `${name} ${on ? 'on' : 'not yet'}`)
      .join(', ');
    lines.push('');
    lines.push(`llmux governance live in this run: ${live}.`);
  }
  return lines;
}

function renderProfile(profile) {
  const lines = ['### Where the llmux gateway spends its CPU', ''];
  lines.push(`node --cpu-prof, 50 connections, ${int(profile.rpsWhileProfiling)} req/s while profiling, ${profile.busySeconds} s of CPU sampled (idle excluded).`);
  lines.push('');
  lines.push('| area | self time |', '| --- | ---: |');
  for (const area of profile.areas) lines.push(`| ${area.area} | ${area.percent}% |`);
  lines.push('', '| top functions by self time | area | self |', '| --- | --- | ---: |');
  for (const f of profile.topSelf.slice(0, 20)) lines.push(`| \`${f.name}\` | ${f.area} | ${f.percent}% |`);
  lines.push('', '| llmux functions by inclusive time | inclusive |', '| --- | ---: |');
  for (const f of profile.ourInclusive.slice(0, 20)) lines.push(`| \`${f.name}\` | ${f.percent}% |`);
  return lines;
}
