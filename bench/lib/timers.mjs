/**
 * Runs `fn`, then clears every timer it set that is still pending. middy arms a refresh timer per fetch and keeps
 * only the last one (its `clearCache` cannot reach the others), so a 300 s expiry would otherwise fire after the
 * emulator is gone; clearing a timer that already ran is harmless.
 */
export async function clearingTimers(fn) {
  const real = globalThis.setTimeout;
  const handles = new Set();
  globalThis.setTimeout = (...args) => {
    const handle = real(...args);
    handles.add(handle);
    return handle;
  };
  try {
    return await fn();
  } finally {
    globalThis.setTimeout = real;
    for (const handle of handles) clearTimeout(handle);
  }
}
