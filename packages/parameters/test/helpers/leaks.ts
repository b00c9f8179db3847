import { format, inspect } from 'node:util';
import { afterEach, beforeEach, vi } from 'vitest';

/** The secret part of every seeded value in the leak tests: no 8 characters of it may show anywhere. */
export const MARKER = 'LEAKMARK-5f1c9a7e3b2d-SENTINEL';

const WINDOW = 8;

/** The first 8-character piece of `marker` found in `text`, or `undefined`. */
export function leakIn(text: string, marker = MARKER): string | undefined {
  for (let at = 0; at + WINDOW <= marker.length; at++) {
    const piece = marker.slice(at, at + WINDOW);
    if (text.includes(piece)) return piece;
  }
  return undefined;
}

/** Every own enumerable property, recursively, as text; bytes decoded as UTF-8 (a logger may print them so). */
function enumerableText(value: unknown, seen = new Set<unknown>(), depth = 0): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value !== 'object' && typeof value !== 'function') return String(value);
  if (seen.has(value) || depth > 12) return '';
  seen.add(value);
  if (value instanceof Uint8Array) return Buffer.from(value).toString('utf8');
  const parts: string[] = [];
  for (const key of Object.keys(value)) {
    parts.push(key, enumerableText((value as Record<string, unknown>)[key], seen, depth + 1));
  }
  return parts.join('\n');
}

/**
 * What anyone could print of a thrown thing: for it and each error along its `cause` chain (and an
 * `AggregateError`'s `errors`): `String()`, `message`, `stack`, enumerable properties, `JSON.stringify` and
 * `util.inspect` at full depth.
 */
export function printable(thrown: unknown): string[] {
  const texts = [inspect(thrown, { depth: Number.POSITIVE_INFINITY }), enumerableText(thrown)];
  const queue: unknown[] = [thrown];
  const seen = new Set<unknown>();
  while (queue.length > 0) {
    const current = queue.shift();
    if (current === null || typeof current !== 'object' || seen.has(current)) {
      if (current !== undefined && current !== null) texts.push(String(current));
      continue;
    }
    seen.add(current);
    const error = current as { message?: unknown; stack?: unknown; cause?: unknown; errors?: unknown };
    texts.push(String(current), String(error.message ?? ''), String(error.stack ?? ''));
    try {
      texts.push(JSON.stringify(current) ?? '');
    } catch {
      // A cycle: the enumerable walk above covers it.
    }
    if ('cause' in error) queue.push(error.cause);
    if (Array.isArray(error.errors)) queue.push(...error.errors);
  }
  return texts;
}

/** Throws when a piece of the marker shows in anything printable of `thrown`, naming where. */
export function assertNoLeak(thrown: unknown, label: string): void {
  for (const text of printable(thrown)) {
    const piece = leakIn(text);
    if (piece !== undefined) {
      throw new Error(`${label}: '${piece}' of the marker is printable in:\n${text}`);
    }
  }
}

/** The settled error of a call (it must reject), checked for leaks. */
export async function rejectsWithoutLeak(label: string, call: () => Promise<unknown>): Promise<unknown> {
  let outcome: { error: unknown } | undefined;
  try {
    await call();
  } catch (error) {
    outcome = { error };
  }
  if (outcome === undefined) throw new Error(`${label}: expected a rejection`);
  assertNoLeak(outcome.error, label);
  return outcome.error;
}

/** Captures everything written through `console` during each test; check it with `assertNothingLogged`. */
export function captureConsole(): { lines: string[] } {
  const captured = { lines: [] as string[] };
  beforeEach(() => {
    captured.lines = [];
    for (const method of ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const) {
      vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
        captured.lines.push(format(...args));
      });
    }
  });
  afterEach(() => {
    vi.restoreAllMocks();
  });
  return captured;
}

/** Throws when a captured console line holds a piece of the marker. */
export function assertNothingLeakedToConsole(captured: { lines: string[] }): void {
  for (const line of captured.lines) {
    const piece = leakIn(line);
    if (piece !== undefined) throw new Error(`console: '${piece}' of the marker was logged in:\n${line}`);
  }
}
