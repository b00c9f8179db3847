/** The middle value (mean of the two middle ones for an even count). */
export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Milliseconds taken by an async function. */
export async function timeMs(fn) {
  const start = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

/** Median of `runs` timings of `fn`, each after `before()` (which is not timed). */
export async function medianMs(runs, before, fn) {
  const times = [];
  for (let i = 0; i < runs; i++) {
    await before();
    times.push(await timeMs(fn));
  }
  return median(times);
}
