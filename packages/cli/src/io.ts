/** A stream the CLI writes to; `process.stdout` and `process.stderr` satisfy it. */
export interface OutputStream {
  write(chunk: string | Uint8Array): unknown;
  readonly isTTY?: boolean | undefined;
}

/** A stream the CLI reads from; `process.stdin` satisfies it. */
export type InputStream = AsyncIterable<string | Uint8Array> & { readonly isTTY?: boolean | undefined };

/** Where a signal comes from (`process`): `exec` forwards them, `emulator` and `agent` stop on them. */
export type SignalSource = Pick<NodeJS.EventEmitter, 'on' | 'off' | 'once'>;

/**
 * Everything the CLI touches outside itself, so that it can run in a test with captured output.
 *
 * @example
 * ```ts
 * const io: CliIo = { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, env: process.env, cwd: process.cwd(), signals: process };
 * ```
 */
export interface CliIo {
  readonly stdout: OutputStream;
  readonly stderr: OutputStream;
  readonly stdin: InputStream;
  readonly env: NodeJS.ProcessEnv;
  /**
   * The environment `exec` starts from, when it differs from `env`: the one the user gave paramkit, without the
   * variables paramkit sets for itself (the SDK's Node.js warning switch). @default env
   */
  readonly childEnv?: NodeJS.ProcessEnv;
  readonly cwd: string;
  readonly signals: SignalSource;
}

/** Reads a whole stream as bytes. */
export async function readAll(input: InputStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of input) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk));
  return Buffer.concat(chunks);
}

/** One line of progress on a terminal, rewritten in place; nothing at all when disabled (pipes, `--json`). */
export class Progress {
  #shown = false;

  constructor(
    private readonly stream: OutputStream,
    private readonly enabled: boolean,
  ) {}

  update(text: string): void {
    if (!this.enabled) return;
    this.stream.write(`\r\x1b[2K${text}`);
    this.#shown = true;
  }

  done(): void {
    if (this.#shown) this.stream.write('\r\x1b[2K');
    this.#shown = false;
  }
}
