import { EmulatorCore, type EmulatorOptions } from '../../src/core/emulator.js';
import { close, listen } from '../../src/core/nodeAdapter.js';
import type { EmulatedService, ServiceContext } from '../../src/core/types.js';

/** One service registered on a bare `EmulatorCore` and served over HTTP on a free loopback port. */
export interface ServedService<S extends EmulatedService> {
  readonly core: EmulatorCore;
  readonly service: S;
  readonly endpoint: string;
  /** Closes the server and its open connections. */
  stop(): Promise<void>;
}

/**
 * Serves the service `factory` makes, alone on a bare core (no other service, no seed), so a test sees exactly what
 * that service answers.
 */
export async function serveService<S extends EmulatedService>(
  factory: (context: ServiceContext) => S,
  options: EmulatorOptions = {},
): Promise<ServedService<S>> {
  const core = new EmulatorCore(options);
  const service = core.register(factory(core.context));
  const { server, port } = await listen((request) => core.handle(request), 0, '127.0.0.1');
  return { core, service, endpoint: `http://127.0.0.1:${port}`, stop: () => close(server) };
}
