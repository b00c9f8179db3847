// Cache-hit cost of paramkit against Powertools and a baseline `async` Map lookup, in one process.
// Run: node bench/cache-hit.mjs (after `npm run build` or `npm test` has built the packages).
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
const { SSMProvider: PowertoolsSSM } = await import('@aws-lambda-powertools/parameters/ssm');
const { SSMProvider } = await import('../packages/parameters/dist/ssm/index.js');

const ITERATIONS = 2_000_000;
const ROUNDS = 5;

async function time(fn) {
  for (let i = 0; i < 50_000; i++) await fn();
  const start = process.hrtime.bigint();
  for (let i = 0; i < ITERATIONS; i++) await fn();
  return Number(process.hrtime.bigint() - start) / ITERATIONS;
}

const map = new Map([['/p', { value: 'v', expires: Date.now() + 3_600_000 }]]);
const baseline = async () => {
  const entry = map.get('/p');
  return entry && entry.expires > Date.now() ? entry.value : undefined;
};

const ours = new SSMProvider({ clientConfig: { region: 'us-east-1' } });
ours.addToCache('/p', 'v', 3600);
ours.addToCache('/p,json', { v: 1 }, 3600);
const theirs = new PowertoolsSSM({ clientConfig: { region: 'us-east-1' } });
theirs.addToCache(['/p', undefined].toString(), 'v', 3600);
theirs.addToCache(['/p', 'json'].toString(), { v: 1 }, 3600);

const cases = {
  'baseline: async Map lookup + Date.now()': baseline,
  'paramkit get(/p, { maxAge })': () => ours.get('/p', { maxAge: 3600 }),
  'powertools get(/p, { maxAge })': () => theirs.get('/p', { maxAge: 3600 }),
  "paramkit get(/p, { transform: 'json' })": () => ours.get('/p', { maxAge: 3600, transform: 'json' }),
  "powertools get(/p, { transform: 'json' })": () => theirs.get('/p', { maxAge: 3600, transform: 'json' }),
};
const best = Object.fromEntries(Object.keys(cases).map((name) => [name, Number.POSITIVE_INFINITY]));
for (let round = 0; round < ROUNDS; round++) {
  for (const [name, fn] of Object.entries(cases)) best[name] = Math.min(best[name], await time(fn));
}
console.log('| case | ns per call (best of 5) |\n| --- | ---: |');
for (const [name, ns] of Object.entries(best)) console.log(`| ${name} | ${ns.toFixed(0)} |`);
