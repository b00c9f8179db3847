/**
 * Quotes a value for a POSIX shell: single quotes, each `'` written as `'\''`. Nothing inside single quotes is
 * expanded, so `$`, backticks, `!` and newlines pass through as they are.
 */
export function shellQuote(value: string): string {
  return `'${value.replace(/'/g, "'\\''")}'`;
}

/** An `export NAME='value'` line for `eval "$(paramkit env ...)"`. */
export function exportLine(name: string, value: string): string {
  return `export ${name}=${shellQuote(value)}`;
}
