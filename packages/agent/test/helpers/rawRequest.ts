import { connect } from 'node:net';

/** What came back for one raw request. */
export interface RawAnswer {
  /** Status code of the answer's status line; `undefined` when none came. */
  status: number | undefined;
  /** The whole answer, as latin1 text. */
  text: string;
  /** `timeout` when nothing complete came within the deadline; `closed` when the socket closed. */
  outcome: 'closed' | 'timeout';
  ms: number;
}

/**
 * Sends `bytes` as they are on a new connection to 127.0.0.1:`port`, and collects everything until the server
 * closes the connection or `deadlineMs` passes. Requests should ask for `connection: close`.
 */
export function sendRaw(port: number, bytes: string | Buffer, deadlineMs: number): Promise<RawAnswer> {
  const started = performance.now();
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let text = '';
    let done = false;
    const finish = (outcome: RawAnswer['outcome']) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.destroy();
      const status = /^HTTP\/1\.[01] (\d{3})/.exec(text)?.[1];
      resolve({
        status: status === undefined ? undefined : Number(status),
        text,
        outcome,
        ms: performance.now() - started,
      });
    };
    const timer = setTimeout(() => finish('timeout'), deadlineMs);
    socket.on('connect', () => socket.write(bytes));
    socket.on('data', (chunk: Buffer) => {
      text += chunk.toString('latin1');
    });
    socket.on('close', () => finish('closed'));
    socket.on('error', () => finish('closed'));
  });
}
