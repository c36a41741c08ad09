// The machine is shared, and a neighbour can only make a run slower, never faster: so each
// measurement is repeated in rounds (targets interleaved) and the best round is kept.

/** Highest throughput; its latency percentiles come from that same round. */
export function bestThroughput(rounds) {
  return rounds.reduce((best, round) => (round.rps > best.rps ? round : best));
}

/** Lowest p50 and lowest p99, each over all rounds (a noisy round spoils the tail most). */
export function bestLatency(rounds, field = 'latencyUs') {
  const best = { ...rounds[0], [field]: { ...rounds[0][field] } };
  for (const round of rounds) {
    for (const key of Object.keys(best[field])) best[field][key] = Math.min(best[field][key], round[field][key]);
  }
  best.rounds = rounds.map((round) => ({ p50: round[field].p50, p99: round[field].p99, foreignCpuPercent: round.foreignCpuPercent }));
  return best;
}
