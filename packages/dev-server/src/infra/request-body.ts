import type { Context } from 'hono';

/** A parsed body, or why it could not be read (the route answers in its own error shape). */
export type BodyResult =
  | { ok: true; params: Record<string, unknown>; format: 'form' | 'json' }
  | { ok: false; problem: 'content_type' | 'malformed' | 'duplicate'; detail: string };

/**
 * Reads a form-encoded (RFC 6749 §4.1.3) or JSON body (Telnyx also takes JSON). Never throws: bad input is
 * a result the route turns into its own error shape.
 */
export async function readBody(
  c: Context,
  accept: ReadonlyArray<'form' | 'json'> = ['form', 'json'],
): Promise<BodyResult> {
  const contentType = (c.req.header('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  let text: string;
  try {
    text = await c.req.text();
  } catch (error) {
    // hono/body-limit signals an oversized streamed body by throwing; let it answer 413.
    if (error instanceof Error && error.name === 'BodyLimitError') throw error;
    return { ok: false, problem: 'malformed', detail: 'The request body could not be read.' };
  }
  if (contentType === 'application/x-www-form-urlencoded' && accept.includes('form')) {
    const search = new URLSearchParams(text);
    const params: Record<string, unknown> = {};
    for (const [key, value] of search) {
      // RFC 6749 §3.1/§3.2: parameters must not be included more than once.
      if (key in params)
        return { ok: false, problem: 'duplicate', detail: `Parameter '${key}' is repeated.` };
      params[key] = value;
    }
    return { ok: true, params, format: 'form' };
  }
  if ((contentType === 'application/json' || contentType.endsWith('+json')) && accept.includes('json')) {
    if (text.trim() === '') return { ok: true, params: {}, format: 'json' };
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      return { ok: false, problem: 'malformed', detail: 'The request body is not valid JSON.' };
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      return { ok: false, problem: 'malformed', detail: 'The request body must be a JSON object.' };
    }
    return { ok: true, params: parsed as Record<string, unknown>, format: 'json' };
  }
  const expected = accept.map((kind) =>
    kind === 'form' ? 'application/x-www-form-urlencoded' : 'application/json',
  );
  return {
    ok: false,
    problem: 'content_type',
    detail: `Content-Type must be ${expected.join(' or ')}${contentType ? `, not ${contentType}` : ''}.`,
  };
}

/** A string parameter, or undefined when absent; non-strings (JSON numbers, arrays) count as invalid. */
export function stringParam(
  params: Record<string, unknown>,
  name: string,
): string | undefined | { invalid: true } {
  const value = params[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') return { invalid: true };
  return value;
}
