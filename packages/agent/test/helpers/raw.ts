import { type AddressInfo, connect, createServer, type Socket } from 'node:net';

/** A raw HTTP/1.1 connection to 127.0.0.1, to hold connections open and send exactly the bytes a test needs. */
export interface RawConnection {
  /** Sends a GET and resolves to the status line's code and the whole answer text. */
  get(path: string, headers?: Record<string, string>): Promise<{ status: number; text: string }>;
  close(): void;
  readonly socket: Socket;
}

export async function openConnection(port: number): Promise<RawConnection> {
  const socket = connect(port, '127.0.0.1');
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('error', reject);
  });
  return {
    socket,
    get(path, headers = {}) {
      return new Promise((resolve, reject) => {
        let text = '';
        const onData = (chunk: Buffer) => {
          text += chunk.toString('utf8');
          const end = text.indexOf('\r\n\r\n');
          const length = /content-length: (\d+)/i.exec(text);
          if (end !== -1 && length && text.length >= end + 4 + Number(length[1])) {
            socket.off('data', onData);
            resolve({ status: Number(text.slice(9, 12)), text });
          }
        };
        socket.on('data', onData);
        socket.once('error', reject);
        const lines = Object.entries(headers).map(([name, value]) => `${name}: ${value}\r\n`);
        socket.write(`GET ${path} HTTP/1.1\r\nhost: 127.0.0.1\r\n${lines.join('')}\r\n`);
      });
    },
    close: () => socket.destroy(),
  };
}

/** A local port nothing listens on (bound, then released). */
export function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
