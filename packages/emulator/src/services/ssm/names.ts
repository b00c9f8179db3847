import { AwsServiceError } from '../../core/awsJson.js';
import { LIMITS } from './model.js';

/**
 * The key a parameter is stored under. AWS treats a top-level name with and without its leading slash
 * (`/db` and `db`) as the same parameter — both have the ARN `...:parameter/db` — so both map to `db`.
 */
export function parameterKey(name: string): string {
  return name.startsWith('/') && !name.includes('/', 1) ? name.slice(1) : name;
}

/** `arn:aws:ssm:<region>:<account>:parameter/<name without its leading slash>`. */
export function parameterArn(region: string, accountId: string, name: string): string {
  return `arn:aws:ssm:${region}:${accountId}:parameter/${name.replace(/^\//, '')}`;
}

const NAME_CHARACTERS = /^[a-zA-Z0-9_.\-/]+$/;
const RESERVED_PREFIX = /^\/?(aws|ssm)/i;

/** Checks a name for PutParameter against AWS's naming rules; throws what AWS throws. */
export function validateParameterName(name: string): void {
  if (name.length > LIMITS.maxNameLength) {
    throw new AwsServiceError(
      'ValidationException',
      `Parameter name exceeds the maximum length of ${LIMITS.maxNameLength} characters: ${name.slice(0, 64)}...`,
    );
  }
  if (RESERVED_PREFIX.test(name)) {
    throw new AwsServiceError(
      'ValidationException',
      `Parameter name: can't be prefixed with "aws" or "ssm" (case-insensitive). Invalid name: ${name}`,
    );
  }
  const segments = name.replace(/^\//, '').split('/');
  if (!NAME_CHARACTERS.test(name) || segments.some((segment) => segment === '')) {
    throw new AwsServiceError(
      'ValidationException',
      `Parameter name ${name} is invalid: it may contain only letters, numbers and the symbols .-_ ` +
        'in sub-paths divided by a slash (/), with no empty sub-path.',
    );
  }
  if (segments.length > 1 && !name.startsWith('/')) {
    throw new AwsServiceError(
      'ValidationException',
      `Parameter name ${name} is invalid: a name that includes a hierarchy must be fully qualified (begin with /).`,
    );
  }
  if (segments.length > LIMITS.maxHierarchyLevels) {
    throw new AwsServiceError(
      'HierarchyLevelLimitExceededException',
      `A hierarchy can have a maximum of ${LIMITS.maxHierarchyLevels} levels; ${name} has ${segments.length}.`,
    );
  }
}

/** A name as a read request gives it: the parameter name plus an optional `:version` or `:label` selector. */
export interface NameReference {
  /** The name without selector or ARN prefix. */
  readonly name: string;
  readonly selector?: { readonly kind: 'version'; readonly version: number } | { kind: 'label'; label: string };
  /** The selector as the response's `Selector` member shows it, e.g. `:3` or `:prod`. */
  readonly selectorText?: string;
}

const ARN_PREFIX = /^arn:aws[a-z-]*:ssm:([^:]*):([^:]*):parameter\//;

/**
 * Splits `/app/db:3`, `/app/db:prod` or `arn:aws:ssm:...:parameter/app/db:3` into name and selector.
 * Returns `undefined` when the reference cannot name any parameter here (bad selector, another region's ARN).
 */
export function parseNameReference(reference: string, region: string, accountId: string): NameReference | undefined {
  let rest = reference;
  const arn = ARN_PREFIX.exec(reference);
  if (arn) {
    if (arn[1] !== region || arn[2] !== accountId) return undefined;
    const resource = reference.slice(arn[0].length);
    // The ARN drops the leading slash; hierarchical names always have one, top-level names are equivalent either way.
    rest = resource.split(':')[0]?.includes('/') ? `/${resource}` : resource;
  }
  const parts = rest.split(':');
  const name = parts[0] ?? '';
  if (parts.length === 1) return { name };
  const selector = parts[1] ?? '';
  if (parts.length > 2 || selector === '') return undefined;
  if (/^\d+$/.test(selector)) {
    return { name, selector: { kind: 'version', version: Number(selector) }, selectorText: `:${selector}` };
  }
  return { name, selector: { kind: 'label', label: selector }, selectorText: `:${selector}` };
}

const LABEL_CHARACTERS = /^[a-zA-Z0-9_.-]+$/;

/** AWS's label rules: letters, numbers, `.`, `-`, `_`; not starting with a digit, `aws` or `ssm` (any case). */
export function isValidLabel(label: string): boolean {
  return LABEL_CHARACTERS.test(label) && !/^\d/.test(label) && !/^(aws|ssm)/i.test(label);
}
