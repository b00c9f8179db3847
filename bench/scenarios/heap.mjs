// Scenario 5: heap held by 1,000 cached 4 KiB secrets, median of SPAWNS fresh processes per library.

import { runChild } from '../lib/child.mjs';
import { HEAP_VALUE_BYTES, NAMES } from '../lib/emulator.mjs';
import { median } from '../lib/stats.mjs';

const SPAWNS = 7;
const LIBRARIES = ['paramkit', 'powertools', 'middy'];
const CHILD = new URL('../children/heap.mjs', import.meta.url).pathname;

export async function heap() {
  const samples = Object.fromEntries(LIBRARIES.map((lib) => [lib, []]));
  for (let spawn = 0; spawn < SPAWNS; spawn++) {
    for (const lib of LIBRARIES) {
      const { heldBytes } = await runChild(CHILD, [lib], { nodeArgs: ['--expose-gc'] });
      samples[lib].push(heldBytes);
    }
  }
  const held = Object.fromEntries(LIBRARIES.map((lib) => [lib, median(samples[lib])]));
  const count = NAMES.heap.length;
  return [
    {
      scenario: 5,
      measure: `heap held by ${count.toLocaleString('en-US')} cached ${HEAP_VALUE_BYTES / 1024} KiB secrets (median of ${SPAWNS} processes)`,
      short: 'heap, 1,000 cached 4 KiB secrets',
      unit: 'bytes',
      ...held,
      baseline: count * HEAP_VALUE_BYTES,
      chart: true,
    },
  ];
}
