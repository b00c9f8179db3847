import type { AgentResponse } from './types.js';

/*
 * The answer to a read of an upstream output, made once per output object. The reader's cache holds the output
 * object (the one cache: it decides freshness and eviction); a weak map only remembers the answer made from that
 * object, its JSON text and byte length, and forgets it when the cache drops the object. A cache hit then answers
 * without building, serialising or measuring anything. Each route's renderer has its own map, so one object read
 * through two routes can never get the other route's answer.
 */

/**
 * A function answering a 200 whose body is `JSON.stringify(render(output))`, made once for each output object.
 *
 * @example
 * ```ts
 * const secretAnswer = answerOnce(secretBody);
 * const response = secretAnswer(output); // the same object for every hit on this cached output
 * ```
 */
export function answerOnce<Output extends object>(
  render: (output: Output) => unknown,
): (output: Output) => AgentResponse {
  const answers = new WeakMap<Output, AgentResponse>();
  return (output) => {
    let answer = answers.get(output);
    if (answer === undefined) {
      const body = JSON.stringify(render(output));
      answer = Object.freeze({
        status: 200,
        contentType: 'application/json',
        body,
        byteLength: Buffer.byteLength(body),
      });
      answers.set(output, answer);
    }
    return answer;
  };
}
