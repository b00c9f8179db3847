/** Length of the pieces of a marker looked for: a partial quote of this many characters is a leak. */
const WINDOW = 8;

/** The first 8-character piece of `marker` found in `text`, or `undefined`. */
export function leakIn(text: string, marker: string): string | undefined {
  for (let at = 0; at + WINDOW <= marker.length; at++) {
    const piece = marker.slice(at, at + WINDOW);
    if (text.includes(piece)) return piece;
  }
  return undefined;
}
