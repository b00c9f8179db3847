import { EMULATOR_DIST } from './paths.mjs';

/** Names every scenario reads; the emulator is seeded with all of them once. */
export const NAMES = {
  hit: { parameter: '/bench/hit', secret: 'bench/hit' },
  warm: { parameter: '/bench/warm', secret: 'bench/warm' },
  cold: { parameter: '/bench/cold', secret: 'bench/cold' },
  /** 50 parameters (even indexes are SecureStrings) and 50 secrets. */
  many: Array.from({ length: 50 }, (_, i) => String(i).padStart(2, '0')),
  /** 1,000 secrets of 4 KiB for the heap scenario. */
  heap: Array.from({ length: 1000 }, (_, i) => `bench/heap/${String(i).padStart(4, '0')}`),
  heapWarm: 'bench/heap/warm',
};
export const manyParameter = (id) => `/bench/many/${id}`;
export const manySecret = (id) => `bench/many/${id}`;
export const HEAP_VALUE_BYTES = 4096;

const JSON_VALUE = JSON.stringify({ host: 'db.internal', port: 5432, flags: ['a', 'b', 'c'] });

/** A 4 KiB ASCII value that differs per secret. */
function heapValue(index) {
  return `${index}:`.padEnd(HEAP_VALUE_BYTES, `abcdefghij${index % 97}`);
}

function seed() {
  const parameters = [NAMES.hit, NAMES.warm, NAMES.cold].map(({ parameter }) => ({
    name: parameter,
    value: JSON_VALUE,
  }));
  for (const [i, id] of NAMES.many.entries()) {
    parameters.push({ name: manyParameter(id), value: `value-${id}`, type: i % 2 === 0 ? 'SecureString' : 'String' });
  }
  const secrets = [NAMES.hit, NAMES.warm, NAMES.cold].map(({ secret }) => ({ name: secret, value: JSON_VALUE }));
  for (const id of NAMES.many) secrets.push({ name: manySecret(id), value: `secret-${id}` });
  for (const [i, name] of NAMES.heap.entries()) secrets.push({ name, value: heapValue(i) });
  secrets.push({ name: NAMES.heapWarm, value: heapValue(-1) });
  return { ssm: { parameters }, secretsmanager: { secrets } };
}

/**
 * Starts the emulator on a free loopback port with every name the scenarios read, and points the AWS SDK at it
 * through `AWS_ENDPOINT_URL` (read when a client is created, so set before any library makes one).
 */
export async function startBenchEmulator() {
  const { startEmulator } = await import(`${EMULATOR_DIST}index.js`);
  const emulator = await startEmulator({ port: 0, seed: seed() });
  process.env.AWS_ENDPOINT_URL = emulator.endpoint;
  return emulator;
}

/** Runs `fn` with a fixed latency added to every emulator answer, then removes it. */
export async function withLatency(emulator, latencyMs, fn) {
  const remove = emulator.faults.add({ latencyMs });
  try {
    return await fn();
  } finally {
    remove();
  }
}
