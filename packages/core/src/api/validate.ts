/**
 * Checks applied before a request leaves: what the reference says is valid is enforced here, so a
 * malformed value fails fast with a `ValidationError` naming the field instead of a vague 400/422 later.
 * Unknown extra fields are left alone (the server may know more than this client does).
 */
import { isSecureOrLoopback } from '../shared/loopback.js';
import { ValidationError, isRecord } from './errors.js';

/** RFC 6749 §3.3: scope-token = 1*( %x21 / %x23-5B / %x5D-7E ). */
const SCOPE_TOKEN = /^[\x21\x23-\x5B\x5D-\x7E]+$/;

export function requireObject(field: string, value: unknown): Record<string, unknown> {
  if (!isRecord(value)) throw new ValidationError(field, 'must be an object');
  return value;
}

export function requireString(field: string, value: unknown): string {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new ValidationError(field, 'is required and must be a non-empty string');
  }
  return value;
}

export function optionalString(field: string, value: unknown): void {
  if (value !== undefined) requireString(field, value);
}

export function requireBoolean(field: string, value: unknown): boolean {
  if (typeof value !== 'boolean') throw new ValidationError(field, 'is required and must be true or false');
  return value;
}

export function optionalBoolean(field: string, value: unknown): void {
  if (value !== undefined) requireBoolean(field, value);
}

export function requireEnum<T extends string>(field: string, value: unknown, allowed: readonly T[]): T {
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    throw new ValidationError(field, `must be one of ${allowed.map((v) => `"${v}"`).join(', ')}`);
  }
  return value as T;
}

export function optionalEnum<T extends string>(field: string, value: unknown, allowed: readonly T[]): void {
  if (value !== undefined) requireEnum(field, value, allowed);
}

/** A non-empty array of distinct enum values. */
export function requireEnumArray<T extends string>(
  field: string,
  value: unknown,
  allowed: readonly T[],
): T[] {
  const items = requireArray(field, value, { nonEmpty: true });
  items.forEach((item, index) => requireEnum(`${field}[${index}]`, item, allowed));
  return items as T[];
}

export function optionalEnumArray<T extends string>(
  field: string,
  value: unknown,
  allowed: readonly T[],
): void {
  if (value !== undefined) requireEnumArray(field, value, allowed);
}

function requireArray(field: string, value: unknown, { nonEmpty }: { nonEmpty: boolean }): unknown[] {
  if (!Array.isArray(value)) throw new ValidationError(field, 'must be an array');
  if (nonEmpty && value.length === 0) throw new ValidationError(field, 'must not be empty');
  return value;
}

/** Scopes are sent as an array of scope tokens (management API). */
export function requireScopeArray(field: string, value: unknown): string[] {
  const items = requireArray(field, value, { nonEmpty: true });
  items.forEach((item, index) => requireScopeToken(`${field}[${index}]`, item));
  return items as string[];
}

export function optionalScopeArray(field: string, value: unknown): void {
  if (value !== undefined) requireScopeArray(field, value);
}

function requireScopeToken(field: string, value: unknown): void {
  if (typeof value !== 'string' || !SCOPE_TOKEN.test(value)) {
    throw new ValidationError(field, 'must be a scope token (no spaces, quotes or backslashes)');
  }
}

/** A space-separated scope string (protocol endpoints, RFC 6749 §3.3). */
export function optionalScopeString(field: string, value: unknown): void {
  if (value === undefined) return;
  if (typeof value !== 'string' || value.trim() === '') {
    throw new ValidationError(field, 'must be a space-separated list of scopes');
  }
  for (const token of value.split(' ')) {
    if (!SCOPE_TOKEN.test(token)) {
      throw new ValidationError(
        field,
        `"${token}" is not a scope token (separate scopes with single spaces)`,
      );
    }
  }
}

/**
 * A redirect URI: absolute, no fragment (RFC 6749 §3.1.2). Custom schemes are allowed for native apps.
 */
export function requireRedirectUri(field: string, value: unknown): string {
  const url = parseAbsolute(field, value);
  if (url.hash !== '' || (value as string).includes('#')) {
    throw new ValidationError(field, 'must not contain a fragment (RFC 6749 §3.1.2)');
  }
  return value as string;
}

export function optionalRedirectUri(field: string, value: unknown): void {
  if (value !== undefined) requireRedirectUri(field, value);
}

export function optionalRedirectUriArray(field: string, value: unknown): void {
  if (value === undefined) return;
  const items = requireArray(field, value, { nonEmpty: false });
  items.forEach((item, index) => requireRedirectUri(`${field}[${index}]`, item));
}

/** A link shown to people (logo, policy, terms): http(s) only, so no `javascript:` reaches a consent page. */
export function optionalWebUri(field: string, value: unknown): void {
  if (value === undefined) return;
  const url = parseAbsolute(field, value);
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new ValidationError(field, 'must be an http(s) URL');
  }
}

function parseAbsolute(field: string, value: unknown): URL {
  if (typeof value !== 'string' || value === '') throw new ValidationError(field, 'must be an absolute URI');
  try {
    return new URL(value);
  } catch {
    throw new ValidationError(field, `must be an absolute URI, got "${value}"`);
  }
}

/** An integer option such as `maxRetries` (≥ 0) or `timeout` (≥ 1). */
export function requireInteger(field: string, value: number, min: number): number {
  if (!Number.isInteger(value) || value < min)
    throw new ValidationError(field, `must be an integer ≥ ${min}`);
  return value;
}

/** `page[number]` ≥ 1 and `page[size]` in 1..100, integers. */
export function validatePageParams(params: Record<string, unknown>): void {
  const number = params['page[number]'];
  if (number !== undefined && !(Number.isInteger(number) && (number as number) >= 1)) {
    throw new ValidationError('page[number]', 'must be an integer ≥ 1');
  }
  const size = params['page[size]'];
  if (size !== undefined && !(Number.isInteger(size) && (size as number) >= 1 && (size as number) <= 100)) {
    throw new ValidationError('page[size]', 'must be an integer from 1 to 100');
  }
}

/** A path segment: non-empty; it is percent-encoded when sent, so no traversal reaches the server. */
export function requireId(field: string, value: unknown): string {
  return requireString(field, value);
}

/** An absolute URL that credentials may be sent to: https, or http on a loopback host only. */
export function requireSecureURL(field: string, value: string): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ValidationError(field, `must be an absolute URL, got "${value}"`);
  }
  if (!isSecureOrLoopback(url)) {
    throw new ValidationError(field, 'must use https (http is allowed for loopback hosts only)');
  }
  return url;
}
