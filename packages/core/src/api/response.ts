/** Reading one answer: status, headers, the body as JSON (or text), and whether it counts as success. */
import { APIError } from './errors.js';
import type { RawResponse } from './request.js';

/** One attempt's answer, read in full; `succeeded` includes a browser's opaque manual redirect. */
export interface AttemptResponse extends RawResponse {
  text: string;
  succeeded: boolean;
}

export function readResponse(res: Response, text: string, manualRedirect: boolean): AttemptResponse {
  const location = res.headers.get('location');
  const succeeded = isSuccess({ status: res.status, type: res.type }, manualRedirect);
  // A redirect-returning call only reports where it leads; whatever page came with it is not read.
  if (succeeded && manualRedirect) {
    return { status: res.status, headers: res.headers, body: undefined, location, text, succeeded };
  }
  const isJSON = /\bjson\b/i.test(res.headers.get('content-type') ?? '');
  let body: unknown = text === '' ? undefined : text;
  if (text !== '' && (isJSON || succeeded)) {
    try {
      body = JSON.parse(text);
    } catch (cause) {
      // A 2xx that isn't JSON breaks the contract; an error page that isn't JSON is still an error.
      if (succeeded) {
        throw new APIError(
          res.status,
          text,
          'The server answered with a body that is not JSON.',
          res.headers,
          {
            code: 'invalid_response',
            cause,
          },
        );
      }
    }
  }
  return { status: res.status, headers: res.headers, body, location, text, succeeded };
}

function isSuccess(res: { status: number; type?: string }, manualRedirect: boolean): boolean {
  if (res.status >= 200 && res.status < 300) return true;
  // Browsers hide manual redirects behind an opaque response with status 0.
  if (manualRedirect) return res.type === 'opaqueredirect' || (res.status >= 300 && res.status < 400);
  return false;
}

export function errorText(res: AttemptResponse): string | undefined {
  if (typeof res.body !== 'string') return undefined;
  const type = res.headers.get('content-type') ?? '';
  if (/html/i.test(type) || res.text.length > 300) return undefined;
  return res.text.trim() || undefined;
}
