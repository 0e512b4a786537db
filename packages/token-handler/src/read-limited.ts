/** Reading a body without trusting its size: both the browser's requests and the upstream's answers. */

/** Marks a body that is larger than the reader accepts. */
export const TOO_LARGE = Symbol('too large');

/**
 * The whole body, or {@link TOO_LARGE} as soon as more than `maxBytes` arrive (the rest is cancelled, not
 * read). A declared `Content-Length` above the limit is refused before reading anything.
 */
export async function readLimited(
  body: ReadableStream<Uint8Array> | null,
  maxBytes: number,
  declaredLength?: string | null,
): Promise<Uint8Array<ArrayBuffer> | typeof TOO_LARGE> {
  if (declaredLength && /^\d+$/.test(declaredLength.trim()) && Number(declaredLength) > maxBytes) {
    await body?.cancel().catch(() => undefined);
    return TOO_LARGE;
  }
  if (!body) return new Uint8Array(0);
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      return TOO_LARGE;
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}
