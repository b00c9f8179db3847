#!/usr/bin/env node
// The fleet model: API calls per second of N Lambda containers reading K values with maxAge T, with and without
// coalescing, batching and lifetime jitter, against the services' throughput quotas. Deterministic; see
// docs/performance.md for the formulas. Usage: node bench/fleet.mjs [--containers 100] [--rps 5] ... (--help)
import { fileURLToPath } from 'node:url';
import { parseFleetArgs, usage } from './fleet/options.mjs';
import { fleetReport } from './fleet/report.mjs';

export { parseFleetArgs } from './fleet/options.mjs';
export { fleetReport } from './fleet/report.mjs';

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  try {
    const options = parseFleetArgs(process.argv.slice(2));
    console.log(options.help ? usage() : fleetReport(options));
  } catch (error) {
    console.error(`${error.message}\n\n${usage()}`);
    process.exitCode = 2;
  }
}
