import { type ChildProcess, spawn } from 'node:child_process';
import { type AddressInfo, connect, createServer, type Server, type Socket } from 'node:net';

/**
 * A TCP endpoint in front of a local port that either passes bytes through (`forward`) or takes them and never
 * answers (`hang`): an upstream that accepts connections and then goes silent. The mode is read per chunk, so a
 * kept-alive connection opened while forwarding hangs too once the mode is `hang`.
 */
export interface HangingUpstream {
  /** `http://127.0.0.1:<port>`, to give the agent as its endpoint. */
  readonly endpoint: string;
  mode: 'forward' | 'hang';
  /** Client connections open now (a hung one stays open until the client gives up on it). */
  readonly open: number;
  close(): Promise<void>;
}

/** Starts a hanging upstream; `targetPort` is where `forward` sends bytes (none: it can only hang). */
export async function startHangingUpstream(targetPort?: number): Promise<HangingUpstream> {
  const sockets = new Set<Socket>();
  let open = 0;
  const state = { mode: (targetPort === undefined ? 'hang' : 'forward') as 'forward' | 'hang' };
  const server: Server = createServer((client) => {
    open++;
    sockets.add(client);
    client.once('close', () => {
      open--;
      sockets.delete(client);
    });
    client.on('error', () => client.destroy());
    let upstream: Socket | undefined;
    client.on('data', (chunk) => {
      if (state.mode === 'hang' || targetPort === undefined) return;
      if (upstream === undefined) {
        const target = connect(targetPort, '127.0.0.1');
        upstream = target;
        sockets.add(target);
        target.on('error', () => client.destroy());
        target.once('close', () => client.destroy());
        client.once('close', () => target.destroy());
        target.pipe(client);
      }
      upstream.write(chunk);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    get mode() {
      return state.mode;
    },
    set mode(mode) {
      state.mode = mode;
    },
    get open() {
      return open;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** A local port whose listener never accepts: once its backlog is full, a new connection never opens. */
export interface UnopenablePort {
  readonly endpoint: string;
  close(): void;
}

/**
 * Listens in a child process that then blocks its thread (without spinning), so nothing is accepted; the kernel
 * queues a backlog's worth of connections, which are made here, and drops the SYN of any later one.
 */
export async function startUnopenablePort(): Promise<UnopenablePort> {
  const script =
    "const s = require('node:net').createServer();" +
    "s.listen({ port: 0, host: '127.0.0.1', backlog: 1 }, () => {" +
    "  process.stdout.write(s.address().port + '\\n');" +
    '  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 120000);' +
    '});';
  const child: ChildProcess = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<number>((resolve, reject) => {
    child.once('error', reject);
    child.stdout?.once('data', (data: Buffer) => resolve(Number(String(data).trim())));
  });
  const fillers: Socket[] = [];
  // Fill the accept queue: connect until one connection does not open.
  for (let attempt = 0; attempt < 16; attempt++) {
    const socket = connect(port, '127.0.0.1');
    socket.on('error', () => {});
    fillers.push(socket);
    const opened = await new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), 300);
      socket.once('connect', () => {
        clearTimeout(timer);
        resolve(true);
      });
    });
    if (!opened) break;
  }
  return {
    endpoint: `http://127.0.0.1:${port}`,
    close: () => {
      for (const socket of fillers) socket.destroy();
      child.kill('SIGKILL');
    },
  };
}
