// Heap held by 1,000 cached 4 KiB secrets, in a fresh process run with --expose-gc. Before the baseline the same
// 1,000 reads run once and the cache is cleared (middy's stays, in the baseline): that warms the SDK client and its
// socket pool and lets V8 compile what the reads run, so that the delta is the cache and not code compiled during
// the fill (80–130 KB that varied from run to run with a 50-read warm-up). Prints {"heldBytes"} as JSON.
import '../lib/env.mjs';
import { setImmediate } from 'node:timers/promises';
import { NAMES } from '../lib/emulator.mjs';
import { loadMiddy, loadParamkit, loadPowertools } from '../lib/libraries.mjs';

const WARM = NAMES.heap;
const CONCURRENCY = 50;

async function settledHeap() {
  for (let i = 0; i < 4; i++) {
    globalThis.gc();
    await setImmediate();
  }
  return process.memoryUsage().heapUsed;
}

/** Reads `names` through `read`, CONCURRENCY at a time, dropping the values (the cache keeps them). */
async function readAll(names, read) {
  for (let start = 0; start < names.length; start += CONCURRENCY) {
    await Promise.all(names.slice(start, start + CONCURRENCY).map(read));
  }
}

const libraries = {
  async paramkit() {
    const lib = await loadParamkit();
    await readAll(WARM, (name) => lib.getSecret(name));
    lib.clearCaches();
    return () => readAll(NAMES.heap, (name) => lib.getSecret(name, { maxAge: 3600 }));
  },
  async powertools() {
    const lib = await loadPowertools();
    await readAll(WARM, (name) => lib.getSecret(name));
    lib.clearCaches();
    return () => readAll(NAMES.heap, (name) => lib.getSecret(name, { maxAge: 3600 }));
  },
  async middy() {
    const lib = await loadMiddy();
    const keyed = (names) => Object.fromEntries(names.map((name, i) => [`s${i}`, name]));
    await lib.secretsHandler(keyed(WARM))(); // its values stay in middy's cache, before and after the baseline
    const invoke = lib.secretsHandler(keyed(NAMES.heap));
    return async () => {
      await invoke();
    };
  },
};

if (typeof globalThis.gc !== 'function') throw new Error('run with --expose-gc');
const setUp = libraries[process.argv[2]];
if (setUp === undefined) throw new Error(`unknown library '${process.argv[2]}'`);
const fill = await setUp();
const before = await settledHeap();
await fill();
const after = await settledHeap();
console.log(JSON.stringify({ heldBytes: after - before }));
