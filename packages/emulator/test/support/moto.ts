import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe } from 'vitest';

/* Starting and stopping moto (python3 -m moto.server), the independent AWS mock the conformance tests compare with. */

/** How long moto may take to answer after it is spawned. */
const START_TIMEOUT_MS = 30_000;
/** How long moto may take to exit after SIGTERM before it gets SIGKILL. */
const STOP_TIMEOUT_MS = 5_000;

/** A moto server this process started. */
export interface RunningMoto {
  readonly endpoint: string;
  /** Sends SIGTERM, then SIGKILL if it has not exited within 5 s, and waits for it to exit. */
  stop(): Promise<void>;
}

let missing: string | null | undefined;

/** Why moto cannot run here, or `undefined` when python3 can import `moto.server`. Probed once per test file. */
export function motoMissing(): string | undefined {
  if (missing === undefined) {
    const probe = spawnSync('python3', ['-c', 'import moto.server'], { stdio: 'ignore' });
    missing =
      probe.status === 0
        ? null
        : '`python3 -c "import moto.server"` failed; install it with: pip install "moto[server]"';
  }
  return missing ?? undefined;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
  await exited;
  clearTimeout(timer);
}

/**
 * Starts moto on a free loopback port and waits (at most 30 s) until it answers. Resolves to `undefined` when moto
 * is not installed (`motoMissing()` says why); rejects, after stopping it, when it exits early or never answers.
 */
export async function startMoto(): Promise<RunningMoto | undefined> {
  if (motoMissing()) return undefined;
  const port = await freePort();
  const child = spawn('python3', ['-m', 'moto.server', '-H', '127.0.0.1', '-p', String(port)], { stdio: 'ignore' });
  const endpoint = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`moto.server exited early with code ${child.exitCode}`);
    try {
      await fetch(`${endpoint}/moto-api/`);
      return { endpoint, stop: () => stopProcess(child) };
    } catch {
      // Not listening yet.
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  await stopProcess(child);
  throw new Error(`moto.server did not answer within ${START_TIMEOUT_MS / 1000} s`);
}

/**
 * A describe block with moto running for its tests (started before them, stopped after them), or a skipped one
 * with the reason in its title when moto is not installed. `body` receives moto's endpoint through a getter, to
 * read in its own hooks and tests.
 */
export function describeWithMoto(title: string, body: (moto: { readonly endpoint: string }) => void): void {
  const reason = motoMissing();
  if (reason) {
    describe.skip(`${title} (skipped: ${reason})`, () => body({ endpoint: '' }));
    return;
  }
  describe(title, () => {
    let moto: RunningMoto | undefined;
    beforeAll(async () => {
      moto = await startMoto();
    }, START_TIMEOUT_MS + 10_000);
    afterAll(async () => {
      await moto?.stop();
    });
    body({
      get endpoint() {
        if (!moto) throw new Error('moto is not running');
        return moto.endpoint;
      },
    });
  });
}
