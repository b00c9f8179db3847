import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Order } from '../secrets/database.js';

/** A stand-in for the database of the secrets example: an HTTP API with basic auth, on a free local port. */
export interface FakeDatabase {
  readonly url: string;
  /** The password the database accepts now; a rotation changes it. */
  password: string;
  /** Requests answered 401 and 200 since the last reset. */
  readonly answered: { refused: number; served: number };
  stop(): Promise<void>;
}

export async function startFakeDatabase(options: { username: string; password: string; orders: Order[] }) {
  const answered = { refused: 0, served: 0 };
  const state = { password: options.password };
  const server = createServer((request, response) => {
    const expected = `Basic ${Buffer.from(`${options.username}:${state.password}`).toString('base64')}`;
    if (request.headers.authorization !== expected) {
      answered.refused++;
      response.writeHead(401).end();
      return;
    }
    answered.served++;
    const id = decodeURIComponent(request.url?.replace(/^\/orders\//, '') ?? '');
    const order = options.orders.find((candidate) => candidate.id === id);
    if (order === undefined) response.writeHead(404).end();
    else response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(order));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const database: FakeDatabase = {
    url: `http://127.0.0.1:${port}/`,
    get password() {
      return state.password;
    },
    set password(value: string) {
      state.password = value;
    },
    answered,
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
  return database;
}
