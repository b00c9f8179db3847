/*
 * The JSON text of an upstream output, made once per output object. The provider's cache holds the output object
 * (the one cache: it decides freshness and eviction); this weak map only remembers how that object serialises,
 * and forgets it when the provider drops the object. A cache hit then answers without building or serialising.
 */
const texts = new WeakMap<object, string>();

/**
 * `JSON.stringify(render(output))`, computed once for each output object.
 *
 * @example
 * ```ts
 * const body = serializedOnce(output, secretBody); // same string for every hit on this cached output
 * ```
 */
export function serializedOnce<Output extends object>(output: Output, render: (output: Output) => unknown): string {
  let text = texts.get(output);
  if (text === undefined) {
    text = JSON.stringify(render(output));
    texts.set(output, text);
  }
  return text;
}
