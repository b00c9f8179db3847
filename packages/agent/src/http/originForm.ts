import { isLoopback } from '../config/listen.js';

const SCHEME = 'http://';
const PORT = /^\d{1,5}$/;

/**
 * The origin form (`/path?query`) of an absolute-form request target (`http://localhost:2773/path?query`, what an
 * HTTP proxy sends, and some clients configured with one), when the target names this agent; else `undefined`.
 * A server must accept the absolute form, and then go by its host rather than the Host header (RFC 9112 §3.2.2).
 *
 * The target names the agent when its scheme is `http`, it has no user info, its port is the one the connection
 * came in on (80 when it names none), and its host is the address the connection came in on, or `localhost` on a
 * loopback connection (elsewhere `localhost` is the client's own machine). Any other host is not the agent's to
 * answer for: it is no proxy. The path and query are kept as sent, not normalised, so that they read as they
 * would in origin form.
 *
 * @example
 * ```ts
 * originForm('http://localhost:2773/ping', '127.0.0.1', 2773); // '/ping'
 * originForm('http://example.com/ping', '127.0.0.1', 2773); // undefined
 * ```
 */
export function originForm(
  target: string,
  localAddress: string | undefined,
  localPort: number | undefined,
): string | undefined {
  if (localAddress === undefined || target.slice(0, SCHEME.length).toLowerCase() !== SCHEME) return undefined;
  let end = SCHEME.length;
  while (end < target.length && target[end] !== '/' && target[end] !== '?') end++;
  const authority = target.slice(SCHEME.length, end).toLowerCase();
  const hostEnd = authority.startsWith('[') ? authority.indexOf(']') + 1 : authority.indexOf(':');
  if (hostEnd === 0) return undefined;
  const host = hostEnd === -1 ? authority : authority.slice(0, hostEnd);
  const port = hostEnd === -1 ? '' : authority.slice(hostEnd);
  if (!isOwnHost(host, localAddress) || !isPort(port, localPort)) return undefined;
  const rest = target.slice(end);
  return rest.startsWith('/') ? rest : `/${rest}`;
}

/** `localhost` on a loopback connection, or the address the connection came in on (IPv6 in brackets). */
function isOwnHost(host: string, localAddress: string): boolean {
  // A dual-stack socket gives an IPv4 client's address as IPv4-mapped IPv6.
  const local = localAddress.startsWith('::ffff:') ? localAddress.slice(7) : localAddress.toLowerCase();
  if (host === 'localhost') return isLoopback(local);
  return host === (local.includes(':') ? `[${local}]` : local);
}

/** `:<port>` naming the connection's port; none (or an empty one) means 80. */
function isPort(port: string, localPort: number | undefined): boolean {
  if (port === '' || port === ':') return localPort === 80;
  return port.startsWith(':') && PORT.test(port.slice(1)) && Number(port.slice(1)) === localPort;
}
