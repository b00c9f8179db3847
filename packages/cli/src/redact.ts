/** Values shorter than this are not masked in messages: a one-letter value would mangle every word. */
const MIN_MASKED_LENGTH = 3;
export const MASK = '****';

/** Whether an SSM type holds plain text (`String`, `StringList`), which is not masked: everything else is. */
export function isPlainType(type: string | undefined): boolean {
  return type === 'String' || type === 'StringList';
}

/**
 * Remembers the values a command handles and masks them in any text that reaches the terminal by accident (an error
 * message from a service that echoes its input, a cause chain), so a secret never appears there unasked.
 *
 * A service that echoes a value usually quotes it inside JSON, and binary values travel as base64: each value is
 * masked in those forms too, and each line of a multi-line value (a PEM key) on its own.
 */
export class Redactor {
  readonly #values = new Set<string>();

  add(value: string | Uint8Array | undefined): void {
    if (value === undefined) return;
    if (typeof value === 'string') {
      this.#addText(value);
      for (const line of value.split(/\r?\n/)) if (line !== value) this.#addText(line);
      return;
    }
    this.#addForm(Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('base64'));
  }

  redact(text: string): string {
    let result = text;
    // Longest first, so that a value containing another is masked whole.
    for (const value of [...this.#values].sort((a, b) => b.length - a.length)) {
      result = result.split(value).join(MASK);
    }
    return result;
  }

  #addText(text: string): void {
    this.#addForm(text);
    // As it appears inside a JSON string: newlines, quotes, backslashes and control characters escaped.
    this.#addForm(JSON.stringify(text).slice(1, -1));
  }

  #addForm(form: string): void {
    if (form.length >= MIN_MASKED_LENGTH) this.#values.add(form);
  }
}
