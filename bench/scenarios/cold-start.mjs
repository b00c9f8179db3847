// Scenario 4a: cold start. Each library imports its SSM entry point and fetches one parameter in a fresh `node`
// process; spawns are interleaved across libraries and the median of SPAWNS is kept.
import { runChild } from '../lib/child.mjs';
import { median } from '../lib/stats.mjs';

const SPAWNS = 11;
const LIBRARIES = ['paramkit', 'powertools', 'middy'];
const CHILD = new URL('../children/cold-start.mjs', import.meta.url).pathname;

export async function coldStart() {
  const samples = Object.fromEntries(LIBRARIES.map((lib) => [lib, []]));
  for (let spawn = 0; spawn < SPAWNS; spawn++) {
    for (const lib of LIBRARIES) samples[lib].push(await runChild(CHILD, [lib]));
  }
  const row = (measure, short, key) => ({
    scenario: 4,
    measure,
    short,
    unit: 'ms',
    ...Object.fromEntries(LIBRARIES.map((lib) => [lib, median(samples[lib].map((s) => s[key]))])),
    chart: true,
  });
  return [
    row(`cold start: import the SSM entry point (median of ${SPAWNS} processes)`, 'cold start: import', 'importMs'),
    row(
      `cold start: import + first \`getParameter\` (median of ${SPAWNS} processes)`,
      'cold start: import + fetch',
      'totalMs',
    ),
  ];
}
