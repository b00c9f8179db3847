import { DEFAULT_MAX_AGE_SECS, ENV } from '../constants.js';
import type { GetMultipleOptionsInterface, GetOptionsInterface, TransformOptions } from '../types/BaseProvider.js';
import { secondsFromEnv } from './env.js';
import { normalizeTransform } from './transformValue.js';

/**
 * `get` options with their defaults applied (Powertools compatible). Providers resolve options without it on
 * their hot path; it is here for code that builds options ahead of time.
 *
 * @example
 * ```ts
 * const { maxAge } = new GetOptions({ transform: 'json' }); // 5, or POWERTOOLS_PARAMETERS_MAX_AGE
 * ```
 */
export class GetOptions implements GetOptionsInterface {
  forceFetch = false;
  maxAge: number;
  sdkOptions?: unknown;
  throwOnMissing = false;
  transform?: Exclude<TransformOptions, 'auto'>;

  constructor(options: GetOptionsInterface = {}) {
    Object.assign(this, options);
    this.maxAge = options.maxAge ?? secondsFromEnv(ENV.maxAge, DEFAULT_MAX_AGE_SECS);
    const transform = normalizeTransform(options.transform);
    if (typeof transform === 'string') this.transform = transform as Exclude<TransformOptions, 'auto'>;
  }
}

/**
 * `getMultiple` options with their defaults applied (Powertools compatible).
 *
 * @example
 * ```ts
 * const { throwOnTransformError } = new GetMultipleOptions({ transform: 'auto' }); // false
 * ```
 */
export class GetMultipleOptions implements GetMultipleOptionsInterface {
  forceFetch = false;
  maxAge: number;
  sdkOptions?: unknown;
  throwOnMissing = false;
  throwOnTransformError = false;
  transform?: TransformOptions;

  constructor(options: GetMultipleOptionsInterface = {}) {
    Object.assign(this, options);
    this.maxAge = options.maxAge ?? secondsFromEnv(ENV.maxAge, DEFAULT_MAX_AGE_SECS);
    const transform = normalizeTransform(options.transform);
    if (typeof transform === 'string') this.transform = transform;
  }
}
