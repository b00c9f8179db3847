/**
 * The environment variable name for a key, as chamber does it: upper case, every run of characters other than
 * letters and digits becomes one underscore, leading and trailing underscores dropped, and a leading digit gets an
 * underscore in front (`db/password` → `DB_PASSWORD`, `api-key.v2` → `API_KEY_V2`, `2fa` → `_2FA`).
 *
 * @example
 * ```ts
 * toEnvName('/app/prod/db-url'.slice('/app/prod/'.length)); // 'DB_URL'
 * ```
 */
export function toEnvName(key: string): string {
  const name = key
    .replace(/[^A-Za-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .toUpperCase();
  return /^[0-9]/.test(name) ? `_${name}` : name;
}

/** Whether `name` can be an environment variable name in a POSIX shell. */
export function isEnvName(name: string): boolean {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name);
}
