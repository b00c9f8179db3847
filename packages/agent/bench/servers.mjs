// The servers under load, in their own process so autocannon (in the parent) does not compete with them for the
// event loop: an emulator (for the one cache miss), the agent, and a bare node:http server answering a fixed body
// of the same bytes as the agent's answer. Prints one JSON line with the ports, then serves until killed.
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import { startEmulator } from '@paramkit/emulator';
import { resolveConfig, startAgent } from '../dist/index.js';

// Lambda's AWS_SESSION_TOKEN is about a kilobyte; the agent compares it on every request.
const TOKEN = randomBytes(660).toString('base64');
const PATH = '/secretsmanager/get?secretId=bench%2Fsecret';

const emulator = await startEmulator({
  port: 0,
  seed: { secretsmanager: { secrets: [{ name: 'bench/secret', value: '{"user":"bench","password":"x"}' }] } },
});
const env = {
  AWS_SESSION_TOKEN: TOKEN,
  AWS_ACCESS_KEY_ID: 'x',
  AWS_SECRET_ACCESS_KEY: 'x',
  PARAMETERS_SECRETS_EXTENSION_LOG_LEVEL: 'none',
  // The default of 3 connections would answer most of the benchmark's 10 connections with 429.
  PARAMETERS_SECRETS_EXTENSION_MAX_CONNECTIONS: '1000',
};
const { config } = resolveConfig(env, { endpoint: emulator.endpoint, port: 0 });
const agent = await startAgent({
  config,
  clientOverrides: { credentials: { accessKeyId: 'x', secretAccessKey: 'x' } },
});

// Warm the cache: every request of the run is then a hit.
const warm = await fetch(`${agent.url}${PATH}`, { headers: { 'x-aws-parameters-secrets-token': TOKEN } });
const body = await warm.text();
if (warm.status !== 200) throw new Error(`warm-up answered ${warm.status}: ${body}`);

const length = String(Buffer.byteLength(body));
const bare = createServer((_req, res) => {
  res.writeHead(200, ['content-type', 'application/json', 'content-length', length]);
  res.end(body);
});
await new Promise((resolve) => bare.listen(0, '127.0.0.1', resolve));

process.stdout.write(
  `${JSON.stringify({ agent: agent.port, bare: bare.address().port, path: PATH, token: TOKEN, bytes: body.length })}\n`,
);
process.on('SIGTERM', async () => {
  bare.close();
  await agent.close();
  await emulator.stop();
  process.exit(0);
});
