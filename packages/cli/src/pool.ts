/** How one task of a pool ended. */
export type Settled<T> = { status: 'done'; item: T } | { status: 'failed'; item: T; error: unknown };

/**
 * Runs `task` on each item, `concurrency` at a time, in order. After the first failure no new task starts; those
 * running finish. Returns what happened to each item that was started, and the items never started.
 */
export async function runPool<T>(
  items: readonly T[],
  concurrency: number,
  task: (item: T) => Promise<void>,
  onSettled?: (settled: Settled<T>) => void,
): Promise<{ settled: Settled<T>[]; notStarted: T[] }> {
  const settled: Settled<T>[] = [];
  let next = 0;
  let stopped = false;
  const worker = async (): Promise<void> => {
    while (!stopped && next < items.length) {
      const item = items[next++] as T;
      let outcome: Settled<T>;
      try {
        await task(item);
        outcome = { status: 'done', item };
      } catch (error) {
        stopped = true;
        outcome = { status: 'failed', item, error };
      }
      settled.push(outcome);
      onSettled?.(outcome);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, items.length)) }, worker));
  return { settled, notStarted: items.slice(next) };
}
