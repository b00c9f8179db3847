/** A clock the demo moves by hand, shared by the emulator and the providers, so expiry shows without waiting. */
export function virtualClock(start = Date.parse('2026-01-01T00:00:00Z')) {
  let now = start;
  return {
    now: () => now,
    advance: (seconds) => {
      now += seconds * 1000;
    },
    elapsedSeconds: () => (now - start) / 1000,
  };
}
