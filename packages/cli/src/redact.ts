/** Values shorter than this are not masked in messages: a one-letter value would mangle every word. */
const MIN_MASKED_LENGTH = 3;
export const MASK = '****';

/**
 * Remembers the values a command handles and masks them in any text that reaches the terminal by accident (an error
 * message from a service that echoes its input, a cause chain), so a secret never appears there unasked.
 */
export class Redactor {
  readonly #values = new Set<string>();

  add(value: string | Uint8Array | undefined): void {
    if (typeof value === 'string' && value.length >= MIN_MASKED_LENGTH) this.#values.add(value);
  }

  redact(text: string): string {
    let result = text;
    // Longest first, so that a value containing another is masked whole.
    for (const value of [...this.#values].sort((a, b) => b.length - a.length)) {
      result = result.split(value).join(MASK);
    }
    return result;
  }
}
