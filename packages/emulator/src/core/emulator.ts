import { randomUUID } from 'node:crypto';
import { AwsServiceError } from './awsJson.js';
import { FaultInjector, type FaultRule } from './faults.js';
import { jsonDepth, MAX_JSON_DEPTH, nestsDeeperThan } from './jsonTree.js';
import { RequestCounter } from './requests.js';
import type { EmulatedService, EmulatorRequest, EmulatorResponse, ServiceContext } from './types.js';

/** Options shared by `createEmulator` and `startEmulator`. */
export interface EmulatorOptions {
  /** Clock in milliseconds since the epoch. @default Date.now */
  now?: () => number;
  /** Random source used by fault rates. @default Math.random */
  random?: () => number;
  /** @default 'us-east-1' */
  region?: string;
  /** @default '123456789012' */
  accountId?: string;
}

const ADMIN_PREFIX = '/_paramkit/';

/**
 * The emulator's request handler: routes a request to the service that claims it, counts it, applies faults,
 * and turns thrown `AwsServiceError`s into AWS-shaped error responses. Unexpected errors become HTTP 500, never a crash.
 */
export class EmulatorCore {
  readonly requests = new RequestCounter();
  readonly faults: FaultInjector;
  readonly context: ServiceContext;
  readonly #services: EmulatedService[] = [];

  constructor(options: EmulatorOptions = {}) {
    this.context = {
      now: options.now ?? (() => Date.now()),
      random: options.random ?? Math.random,
      region: options.region ?? 'us-east-1',
      accountId: options.accountId ?? '123456789012',
    };
    this.faults = new FaultInjector(this.context.random, () => this.#services.map((s) => s.name));
  }

  /** Adds a service; requests are offered to services in the order they were added. */
  register<T extends EmulatedService>(service: T): T {
    this.#services.push(service);
    return service;
  }

  /** The registered services. */
  get services(): readonly EmulatedService[] {
    return this.#services;
  }

  /**
   * Answers one request. Resolves to `undefined` when a fault says the connection must be dropped. Every answer of
   * a service carries a fresh `x-amzn-RequestId`, as AWS's do (the SDK reports it as `$metadata.requestId`).
   */
  async handle(request: EmulatorRequest): Promise<EmulatorResponse | undefined> {
    if (request.path.startsWith(ADMIN_PREFIX)) return this.#admin(request);
    for (const service of this.#services) {
      const operation = service.route(request);
      if (operation === undefined) continue;
      const response = await this.#answer(service, operation, request);
      return response && withRequestId(response);
    }
    return withRequestId(unknownOperation(request));
  }

  async #answer(
    service: EmulatedService,
    operation: string,
    request: EmulatorRequest,
  ): Promise<EmulatorResponse | undefined> {
    // Only real operations are counted and meet fault rules: a client may send any name, and counting each one
    // would grow the counter without bound. Unknown names go straight to the service, which refuses them.
    if (service.implementsOperation(operation)) {
      this.requests.record(operation);
      const outcome = this.faults.decide(service.name, operation);
      if (outcome.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, outcome.latencyMs));
      if (outcome.kind === 'drop') return undefined;
      if (outcome.kind === 'throttle') {
        return service.errorResponse(new AwsServiceError('ThrottlingException', 'Rate exceeded', 400));
      }
      if (outcome.kind === 'serverError') {
        return service.errorResponse(
          new AwsServiceError('InternalServerError', 'An internal error occurred (injected fault).', 500),
        );
      }
    }
    try {
      return await service.handle(operation, request);
    } catch (error) {
      if (error instanceof AwsServiceError) return service.errorResponse(error);
      // Only a bug in the emulator gets here. Its message or stack could quote request data or stored values,
      // so the answer names the operation and nothing else.
      return service.errorResponse(
        new AwsServiceError(
          'InternalServerError',
          `The emulator failed to answer ${operation}; this is a bug in the paramkit emulator.`,
          500,
        ),
      );
    }
  }

  /** Loads every service's section of a seed object. Unknown sections are an error, so typos are caught. */
  load(seed: Record<string, unknown>): void {
    // Seeds arrive as parsed JSON (files, the admin route), so a non-object must fail clearly, not half-load.
    if (typeof seed !== 'object' || seed === null || Array.isArray(seed)) {
      throw new TypeError('A seed must be a JSON object with one section per service');
    }
    // The services' seed readers recurse; the cap keeps a hostile seed file from overflowing the stack.
    if (jsonDepth(seed, MAX_JSON_DEPTH) > MAX_JSON_DEPTH) {
      throw new TypeError(`A seed must not nest deeper than ${MAX_JSON_DEPTH} levels`);
    }
    for (const [key, section] of Object.entries(seed)) {
      if (key === '$schema' || key === 'description') continue;
      const service = this.#services.find((s) => s.seedKeys.includes(key));
      if (!service) {
        const known = this.#services.flatMap((s) => s.seedKeys).join(', ');
        throw new TypeError(`Unknown seed section '${key}'; expected one of: ${known}`);
      }
      service.load(section);
    }
  }

  /** Forgets all state, counters and faults. */
  reset(): void {
    for (const service of this.#services) service.reset();
    this.requests.reset();
    this.faults.clear();
  }

  async #admin(request: EmulatorRequest): Promise<EmulatorResponse> {
    const what = request.path.slice(ADMIN_PREFIX.length);
    const json = (status: number, body: unknown): EmulatorResponse => ({
      status,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    try {
      if (what === 'health' && request.method === 'GET') return json(200, { status: 'ok' });
      if (what === 'requests' && request.method === 'GET') return json(200, this.requests.snapshot());
      if (what === 'requests' && request.method === 'DELETE') {
        this.requests.reset();
        return json(200, {});
      }
      if (what === 'faults' && request.method === 'GET') return json(200, this.faults.list());
      if (what === 'faults' && request.method === 'POST') {
        this.faults.add(adminBody(request) as FaultRule);
        return json(200, this.faults.list());
      }
      if (what === 'faults' && request.method === 'DELETE') {
        this.faults.clear();
        return json(200, []);
      }
      if (what === 'seed' && request.method === 'POST') {
        this.load(adminBody(request) as Record<string, unknown>);
        return json(200, {});
      }
      if (what === 'reset' && request.method === 'POST') {
        this.reset();
        return json(200, {});
      }
      return json(404, { message: `Unknown emulator admin route: ${request.method} ${request.path}` });
    } catch (error) {
      return json(400, { message: (error as Error).message });
    }
  }
}

/**
 * An admin request's JSON body. A parse failure leaves out JSON.parse's message, which quotes the text around the
 * fault: in a seed, a secret value. Nesting is checked on the text first, so a deep body is refused without the
 * seconds `JSON.parse` would spend on it.
 */
function adminBody(request: EmulatorRequest): unknown {
  const text = new TextDecoder().decode(request.body);
  if (nestsDeeperThan(text, MAX_JSON_DEPTH)) {
    throw new TypeError(`The request body must not nest deeper than ${MAX_JSON_DEPTH} levels`);
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new TypeError('The request body is not valid JSON');
  }
}

function withRequestId(response: EmulatorResponse): EmulatorResponse {
  return { ...response, headers: { ...response.headers, 'x-amzn-RequestId': randomUUID() } };
}

function unknownOperation(request: EmulatorRequest): EmulatorResponse {
  const target = request.headers['x-amz-target'];
  const message = target
    ? `The emulator does not implement the operation ${target}.`
    : `The emulator has no route for ${request.method} ${request.path}.`;
  return {
    status: target ? 400 : 404,
    headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-errortype': 'UnknownOperationException' },
    body: JSON.stringify({ __type: 'UnknownOperationException', message }),
  };
}
