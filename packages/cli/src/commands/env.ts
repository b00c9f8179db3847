import type { Command } from 'commander';
import { byFirst } from '../compare.js';
import type { Context } from '../context.js';
import { EXIT } from '../errors.js';
import { exportLine } from '../formats/shell.js';
import type { Act } from '../program.js';
import { guardTerminal, readEnvironment } from '../values.js';

interface EnvOptions {
  recursive?: boolean;
  reveal?: boolean;
}

/** `paramkit env`: `export NAME='value'` lines for `eval "$(paramkit env /app/prod)"`. */
export function registerEnv(program: Command, act: Act): void {
  program
    .command('env')
    .description("print shell exports (NAME='value') of the values of one or more sources; later sources win")
    .argument('<sources...>', '/app/prod, secret:prod/, ./config.mjs, prod.env ...')
    .option('-r, --recursive', 'include sub-paths')
    .option('--reveal', 'allow secret values to be printed on a terminal')
    .action(act(env));
}

async function env(context: Context, sources: string[], options: EnvOptions): Promise<number> {
  const read = await readEnvironment(context, sources, { recursive: options.recursive === true });
  // By name, so that the output does not follow the order a store happens to answer in.
  const values = new Map([...read].sort(byFirst));
  guardTerminal(context, values.values(), options.reveal);
  if (context.json) {
    context.out(`${JSON.stringify(Object.fromEntries([...values].map(([name, entry]) => [name, entry.value])))}\n`);
  } else {
    for (const [name, entry] of values) context.out(`${exportLine(name, entry.value)}\n`);
  }
  return EXIT.ok;
}
