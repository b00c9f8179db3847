import { isIP } from 'node:net';
import { AgentConfigError } from './token.js';

/** The addresses the agent binds by default: both loopback addresses, and nothing else. */
export const LOOPBACK_ADDRESSES: readonly string[] = Object.freeze(['127.0.0.1', '::1']);

/**
 * The listen address given to the agent is not an IP address (or a list of them). The message quotes the value
 * and says what is accepted. Exit code 2.
 *
 * @example
 * ```ts
 * try {
 *   resolveConfig({ ...process.env, PARAMKIT_AGENT_LISTEN_ADDRESS: 'everywhere' });
 * } catch (error) {
 *   if (error instanceof InvalidListenAddressError) console.error(error.message);
 * }
 * ```
 */
export class InvalidListenAddressError extends AgentConfigError {
  override readonly exitCode = 2;

  constructor(
    readonly source: string,
    value: string,
    reason: string,
  ) {
    super(
      `${source} '${value}' is not a usable listen address: ${reason} ` +
        '(expected IP addresses, comma-separated: e.g. 0.0.0.0, ::, 10.0.0.5 or 127.0.0.1,::1)',
    );
    this.name = 'InvalidListenAddressError';
  }
}

/**
 * Reads a listen address list: IPv4 or IPv6 literals (IPv6 with or without brackets), comma-separated, duplicates
 * counted once. Host names are refused: the agent binds exactly what it is told, and a name may resolve to an
 * address nobody meant to open. Throws `InvalidListenAddressError` naming the value.
 *
 * @example
 * ```ts
 * parseListenAddresses('0.0.0.0', '--listen'); // ['0.0.0.0']
 * parseListenAddresses('127.0.0.1, [::1]', 'PARAMKIT_AGENT_LISTEN_ADDRESS'); // ['127.0.0.1', '::1']
 * ```
 */
export function parseListenAddresses(value: string, source: string): readonly string[] {
  const parts = value.split(',').map((part) => part.trim());
  if (parts.every((part) => part === '')) throw new InvalidListenAddressError(source, value, 'it is empty');
  const addresses: string[] = [];
  for (const part of parts) {
    if (part === '') throw new InvalidListenAddressError(source, value, 'it has an empty entry');
    const address = part.startsWith('[') && part.endsWith(']') ? part.slice(1, -1) : part;
    if (isIP(address) === 0) {
      const hint = /:\d+$/.test(address) && isIP(address.replace(/:\d+$/, '')) === 4 ? ' (give the port apart)' : '';
      throw new InvalidListenAddressError(source, value, `'${part}' is not an IP address${hint}`);
    }
    if (!addresses.includes(address)) addresses.push(address);
  }
  return Object.freeze(addresses);
}

/** Whether every address is a loopback one (nothing beyond this machine can connect). */
export function onlyLoopback(addresses: readonly string[]): boolean {
  return addresses.every(isLoopback);
}

/** Whether an IP address is a loopback one: `::1`, or IPv4 `127.0.0.0/8`. */
export function isLoopback(address: string): boolean {
  return address === '::1' || /^127\./.test(address);
}

/**
 * The address a local client uses to reach an agent bound to `address`: a wildcard address is reached on
 * loopback. In URL form (IPv6 in brackets).
 *
 * @example
 * ```ts
 * urlHost('0.0.0.0'); // '127.0.0.1'
 * urlHost('::'); // '[::1]'
 * ```
 */
export function urlHost(address: string): string {
  if (address === '0.0.0.0') return '127.0.0.1';
  if (address === '::') return '[::1]';
  return isIP(address) === 6 ? `[${address}]` : address;
}
