// Tick labels for a chart's time axis: clock time for short ranges, dates for long ones.

export function formatTick(bucketMs: number): (time: number) => string {
  return (time) => {
    const iso = new Date(time).toISOString();
    return bucketMs >= 86_400_000 ? iso.slice(5, 10) : bucketMs >= 3_600_000 ? `${iso.slice(5, 10)} ${iso.slice(11, 13)}h` : iso.slice(11, 16);
  };
}
