/** One value read from a store, a file or a config declaration. */
export interface Entry {
  /** The name relative to the source (`db/password` under `/app/prod`), or the file's or declaration's key. */
  readonly key: string;
  /** Where it lives, as shown to people (`/app/prod/db/password`, `secret:prod/db`). */
  readonly name: string;
  readonly value: string;
  /**
   * The value is bytes (a binary secret, a JSON `{ "$base64": ... }` or a YAML `!!binary` value), held in `value` as
   * base64 text.
   */
  readonly binary?: boolean | undefined;
  /** A SecureString, a secret, a sensitive declared value or a file's value: never printed unasked. */
  readonly secret: boolean;
  /** The environment variable name (`DB_PASSWORD`). */
  readonly envName: string;
  /** SSM type (`String`, `StringList`, `SecureString`) or `secret`. */
  readonly type?: string | undefined;
  readonly version?: string | undefined;
  readonly modified?: Date | undefined;
  /** For a value from a dotenv file: the line it starts on, for messages. */
  readonly line?: number | undefined;
}

/** Reports how many values have been read so far. */
export type OnProgress = (count: number) => void;

/** The relative key of `name` under a folder `path` (`/app` and `/app/db/url` give `db/url`). */
export function relativeKey(path: string, name: string): string {
  const relative = name.startsWith(path) ? name.slice(path.length) : name;
  return relative.replace(/^\/+/, '');
}
