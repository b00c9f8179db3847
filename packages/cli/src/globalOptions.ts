import type { Command } from 'commander';
import type { GlobalOptions } from './context.js';

/** Adds the options every verb takes; they are accepted before the verb and after it. */
export function addGlobalOptions(command: Command): void {
  command
    .option('--endpoint <url>', 'AWS endpoint for every service (default: $AWS_ENDPOINT_URL, else AWS)')
    .option('--region <region>', 'AWS region (default: the SDK’s: $AWS_REGION, the profile)')
    .option('--profile <name>', 'AWS profile for credentials and region')
    .option('--json', 'machine-readable output on stdout')
    .option('--no-progress', 'no progress line on the terminal');
}

const GLOBAL_KEYS = ['endpoint', 'region', 'profile', 'json', 'progress'] as const;

/** The global options as given on the command line, wherever they were written (after the verb wins). */
export function globalOptions(command: Command): GlobalOptions {
  const options: Record<string, unknown> = {};
  for (let current: Command | null = command; current !== null; current = current.parent) {
    for (const key of GLOBAL_KEYS) {
      if (options[key] === undefined && current.getOptionValueSource(key) === 'cli') {
        options[key] = current.getOptionValue(key);
      }
    }
  }
  return options as GlobalOptions;
}
