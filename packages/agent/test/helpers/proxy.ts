import { type AddressInfo, connect, createServer, type Server, type Socket } from 'node:net';

/** A TCP pass-through to a local port that counts the connections made through it. */
export interface CountingProxy {
  /** `http://127.0.0.1:<port>`, to give the agent as its endpoint. */
  readonly endpoint: string;
  /** Connections opened so far. */
  readonly opened: number;
  /** Most connections open at the same time. */
  readonly peak: number;
  close(): Promise<void>;
}

/** Starts a proxy in front of `targetPort` on 127.0.0.1. */
export async function startCountingProxy(targetPort: number): Promise<CountingProxy> {
  let open = 0;
  let opened = 0;
  let peak = 0;
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    opened++;
    open++;
    peak = Math.max(peak, open);
    const upstream = connect(targetPort, '127.0.0.1');
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('error', () => {
        client.destroy();
        upstream.destroy();
      });
    }
    client.once('close', () => {
      open--;
      upstream.destroy();
    });
    upstream.once('close', () => client.destroy());
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    get opened() {
      return opened;
    },
    get peak() {
      return peak;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
