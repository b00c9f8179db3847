import { parseArgs } from 'node:util';

/** Every flag of the fleet model, with its default and meaning (printed by --help). */
export const FLAGS = {
  containers: { default: 100, help: 'containers (Lambda execution environments) simulated' },
  rps: { default: 5, help: 'requests per second each container serves (Poisson arrivals)' },
  keys: { default: 20, help: 'parameters or secrets read by every request' },
  'max-age': { default: 5, help: 'cache lifetime in seconds (Powertools default: 5)' },
  concurrency: { default: 1, help: 'requests in flight per container (1 on Lambda)' },
  'latency-ms': { default: 20, help: 'API latency; misses during a fetch make their own call without coalescing' },
  jitter: { default: 0.2, help: 'with jitter, each lifetime is drawn uniformly from [maxAge × (1 − jitter), maxAge]' },
  'wave-seconds': { default: 1, help: 'a deploy replaces every container within this many seconds' },
  duration: { default: 300, help: 'simulated seconds' },
  seed: { default: 1, help: 'seed of the deterministic random source' },
};

/** Parses `--name value` flags into numbers; throws a RangeError naming a bad flag. */
export function parseFleetArgs(argv) {
  const { values } = parseArgs({
    args: argv,
    options: {
      ...Object.fromEntries(Object.keys(FLAGS).map((name) => [name, { type: 'string' }])),
      help: { type: 'boolean' },
    },
  });
  if (values.help) return { help: true };
  const options = {};
  for (const [name, { default: fallback }] of Object.entries(FLAGS)) {
    const value = values[name] === undefined ? fallback : Number(values[name]);
    if (!Number.isFinite(value) || value < 0) throw new RangeError(`--${name} must be a non-negative number`);
    options[camel(name)] = value;
  }
  for (const name of ['containers', 'rps', 'keys', 'maxAge', 'concurrency', 'duration']) {
    if (options[name] <= 0) throw new RangeError(`--${kebab(name)} must be greater than 0`);
  }
  if (options.jitter > 1) throw new RangeError('--jitter must be between 0 and 1');
  if (options.duration < 4 * options.maxAge) throw new RangeError('--duration must be at least 4 × --max-age');
  if (options.containers * options.rps * options.duration > 20e6) {
    throw new RangeError('containers × rps × duration must stay under 20 million simulated requests');
  }
  options.containers = Math.round(options.containers);
  options.keys = Math.round(options.keys);
  return options;
}

/** The flags that differ from the defaults, as a command line fragment. */
export function describeFlags(options) {
  return Object.keys(FLAGS)
    .filter((name) => options[camel(name)] !== FLAGS[name].default)
    .map((name) => `--${name} ${options[camel(name)]}`)
    .join(' ');
}

export function usage() {
  const lines = Object.entries(FLAGS).map(([name, { default: d, help }]) => `  --${name.padEnd(13)} ${help} (${d})`);
  return `usage: node bench/fleet.mjs [flags]\n${lines.join('\n')}`;
}

function camel(name) {
  return name.replace(/-([a-z])/g, (_, c) => c.toUpperCase());
}

function kebab(name) {
  return name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}
