import { spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const script = fileURLToPath(new URL('../agent/run.sh', import.meta.url));
const hasCurl = spawnSync('curl', ['--version']).status === 0;

/** A port nothing listens on now, for the script's emulator and agent. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe.skipIf(!hasCurl)(hasCurl ? 'the agent shell example' : 'the agent shell example (skipped: no curl)', () => {
  it('reads secrets and parameters through the agent with curl, and shows its errors', async () => {
    const env = {
      ...process.env,
      EMULATOR_PORT: String(await freePort()),
      PARAMETERS_SECRETS_EXTENSION_HTTP_PORT: String(await freePort()),
    };
    const run = spawnSync('bash', [script], { encoding: 'utf8', env, timeout: 60_000 });
    expect(run.status, run.stderr).toBe(0);
    const statuses = [...run.stdout.matchAll(/→ HTTP (\d{3})/g)].map((match) => match[1]);
    expect(statuses).toEqual(['200', '200', '200', '200', '200', '200', '404', '400', '403']);
    expect(run.stdout).toMatch(/paramkit_agent_cache_hits_total/);
  });
});
