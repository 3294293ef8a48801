import { apiError } from './errors.js';

/** A thin client of the server's HTTP API, for CLI commands while a server owns the data. */
export class ApiClient {
  constructor(
    readonly baseUrl: string,
    private readonly token: string,
  ) {}

  async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${this.token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    const parsed = text ? (JSON.parse(text) as unknown) : undefined;
    if (!res.ok) throw apiError(res.status, parsed);
    return parsed as T;
  }

  /** Send raw bytes (a cost file); answers the status and parsed body without throwing on 4xx. */
  async upload<T>(
    path: string,
    bytes: Uint8Array,
    contentType: string,
    /** Called as the body is sent, in bytes (the last call has sent === total). */
    onProgress?: (sent: number, total: number) => void,
  ): Promise<{ status: number; body: T }> {
    const res = await fetch(`${this.baseUrl}${path}`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${this.token}`,
        'content-type': contentType,
        'content-length': String(bytes.length),
      },
      body: onProgress ? uploadStream(bytes, onProgress) : new Blob([new Uint8Array(bytes)]),
      ...(onProgress ? { duplex: 'half' } : {}),
    } as RequestInit);
    const text = await res.text();
    const body = (text ? JSON.parse(text) : undefined) as T;
    if (res.status >= 500 || res.status === 401 || res.status === 413) throw apiError(res.status, body);
    return { status: res.status, body };
  }

  /** Stream a response body (NDJSON export) to a writable. */
  async stream(path: string, out: NodeJS.WritableStream): Promise<void> {
    const res = await fetch(`${this.baseUrl}${path}`, { headers: { authorization: `Bearer ${this.token}` } });
    if (!res.ok) throw apiError(res.status, await res.json().catch(() => undefined));
    if (!res.body) return;
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
      if (!out.write(chunk)) await new Promise((r) => out.once('drain', r));
    }
  }
}

/** The body as a stream of 1 MiB pieces, reporting each one as the transport takes it. */
function uploadStream(bytes: Uint8Array, onProgress: (sent: number, total: number) => void) {
  const PIECE = 1 << 20;
  let sent = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent >= bytes.length) {
        controller.close();
        return;
      }
      const piece = bytes.subarray(sent, Math.min(sent + PIECE, bytes.length));
      sent += piece.length;
      controller.enqueue(piece);
      onProgress(sent, bytes.length);
    },
  });
}
