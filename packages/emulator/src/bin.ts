#!/usr/bin/env node
// The `paramkit-emulator` bin (built as dist/cli.js). Kept apart from `runCli`, which the package exports: importing
// the package must never start an emulator.
import { runCli, stopOnSignal } from './cli.js';

async function main(): Promise<void> {
  const result = await runCli(process.argv.slice(2));
  process.exitCode = result.kind === 'exit' ? result.code : await stopOnSignal(result.emulator);
}

void main();
