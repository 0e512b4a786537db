import { ENDPOINT_NAMES, type EndpointName } from './endpoints.js';

/** A fault to inject into the next `count` calls of an endpoint ('*' = any named endpoint). */
export interface Fault {
  /** The endpoint whose next calls fail, or `'*'` for whichever named endpoint is called next. */
  endpoint: EndpointName | '*';
  /** The next N calls fail; default 1. */
  count?: number;
  /**
   * The status to answer instead of processing the call (200..599), in the endpoint's own error shape: an
   * RFC 6749 `{error, error_description}` body for the protocol endpoints, Telnyx's `{errors: [...]}`
   * envelope for the others, an HTML page for authorize; `{}` for a status below 400. A 429 also carries
   * `RateLimit-Remaining: 0`.
   */
  status?: number;
  /** Seconds; sets Retry-After (meant for 429 and 503). */
  retryAfter?: number;
  /**
   * Drop the connection before the call is processed: over HTTP the socket is destroyed; in-process
   * `fetch` rejects. Nothing happened on the server.
   */
  drop?: boolean;
  /**
   * Lose the answer after the call was processed: the server did the work (a code exchanged, a refresh
   * token rotated, a client created) and then the connection breaks, as when a response is lost on the
   * way back. Over HTTP the socket is destroyed; in-process `fetch` rejects with TypeError('fetch failed').
   * Not combinable with `drop`, `status`, `body` or `contentType`.
   */
  loseResponse?: boolean;
  /** Delay only (or delay before the other effects). */
  latencyMs?: number;
  /** Replace the body (malformed JSON, wrong content type, huge body); status defaults to 200. */
  body?: string;
  /**
   * The `Content-Type` of the faulted answer: of `body` (default `application/json; charset=utf-8`), or,
   * without `body`, of an empty answer.
   */
  contentType?: string;
}

/** The armed faults of one server. */
export interface Faults {
  inject(fault: Fault): void;
  clear(): void;
  /** Consume one use of the first fault that matches the endpoint. */
  take(endpoint: EndpointName): Fault | undefined;
  pending(): Fault[];
}

interface ArmedFault {
  fault: Fault;
  remaining: number;
}

/** No faults armed. */
export function createFaults(): Faults {
  let armed: ArmedFault[] = [];
  return {
    inject(fault) {
      const problem = validateFault(fault);
      if (problem) throw new TypeError(`Invalid fault: ${problem}`);
      armed.push({ fault: { ...fault }, remaining: fault.count ?? 1 });
    },
    clear() {
      armed = [];
    },
    take(endpoint) {
      const match = armed.find((entry) => entry.fault.endpoint === endpoint || entry.fault.endpoint === '*');
      if (!match) return undefined;
      match.remaining -= 1;
      if (match.remaining <= 0) armed = armed.filter((entry) => entry !== match);
      return match.fault;
    },
    pending: () => armed.map((entry) => ({ ...entry.fault, count: entry.remaining })),
  };
}

function isNonNegativeInteger(value: unknown): boolean {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0;
}

/** Returns why a fault is invalid, or undefined. The admin API feeds untrusted JSON through this. */
export function validateFault(input: unknown): string | undefined {
  if (typeof input !== 'object' || input === null || Array.isArray(input))
    return 'a fault must be a JSON object';
  const fault = input as Record<string, unknown>;
  const endpoint = fault['endpoint'];
  if (endpoint !== '*' && !ENDPOINT_NAMES.includes(endpoint as EndpointName)) {
    return `endpoint must be '*' or one of ${ENDPOINT_NAMES.join(', ')}`;
  }
  if (
    fault['count'] !== undefined &&
    !(isNonNegativeInteger(fault['count']) && (fault['count'] as number) >= 1)
  ) {
    return 'count must be a positive integer';
  }
  const status = fault['status'];
  if (
    status !== undefined &&
    !(Number.isInteger(status) && (status as number) >= 200 && (status as number) <= 599)
  ) {
    return 'status must be an HTTP status between 200 and 599';
  }
  if (fault['retryAfter'] !== undefined && !isNonNegativeInteger(fault['retryAfter'])) {
    return 'retryAfter must be a non-negative integer (seconds)';
  }
  if (fault['latencyMs'] !== undefined && !isNonNegativeInteger(fault['latencyMs'])) {
    return 'latencyMs must be a non-negative integer';
  }
  if (fault['drop'] !== undefined && typeof fault['drop'] !== 'boolean') return 'drop must be a boolean';
  if (fault['loseResponse'] !== undefined) {
    if (typeof fault['loseResponse'] !== 'boolean') return 'loseResponse must be a boolean';
    const clash = ['drop', 'status', 'body', 'contentType'].find((key) => fault[key] !== undefined);
    if (fault['loseResponse'] && clash) return `loseResponse cannot be combined with ${clash}`;
  }
  if (fault['body'] !== undefined && typeof fault['body'] !== 'string') return 'body must be a string';
  if (fault['contentType'] !== undefined && typeof fault['contentType'] !== 'string') {
    return 'contentType must be a string';
  }
  return undefined;
}
