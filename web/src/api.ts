/**
 * The dashboard's one way to the API: same-origin fetch with the session cookie, the CSRF token on
 * every change, the chosen workspace in a header, and errors as `ApiError` with the server's code.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly errors: Array<{ field: string; reason: string }> = [],
    readonly body: unknown = undefined,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

let csrf = '';
let workspace = '';

export function setCsrf(token: string): void {
  csrf = token;
}
export function setWorkspace(id: string): void {
  workspace = id;
}

/** Fired when the server says the session is gone, so the app can show the sign-in page with the reason. */
export const SIGNED_OUT_EVENT = 'rendement:signed-out';

export async function api<T>(
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  path: string,
  body?: unknown,
  opts: { contentType?: string; raw?: boolean } = {},
): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (method !== 'GET') headers['x-csrf-token'] = csrf;
  if (workspace) headers['x-rendement-workspace'] = workspace;
  let payload: BodyInit | undefined;
  if (body !== undefined) {
    if (opts.contentType) {
      headers['content-type'] = opts.contentType;
      payload = body as BodyInit;
    } else {
      headers['content-type'] = 'application/json';
      payload = JSON.stringify(body);
    }
  }
  let res: Response;
  try {
    res = await fetch(path, { method, headers, body: payload, credentials: 'same-origin' });
  } catch {
    throw new ApiError(0, 'network', 'The server cannot be reached.');
  }
  const text = await res.text();
  const parsed = parseJson(text);
  if (!res.ok) throw failure(res, parsed, path);
  return parsed as T;
}

/**
 * Save what a GET endpoint answers (an export) as `filename`. The workspace travels in a header,
 * which a plain link cannot send: the file is fetched, then handed to the browser.
 */
export async function download(path: string, filename: string): Promise<void> {
  const headers: Record<string, string> = {};
  if (workspace) headers['x-rendement-workspace'] = workspace;
  let res: Response;
  try {
    res = await fetch(path, { headers, credentials: 'same-origin' });
  } catch {
    throw new ApiError(0, 'network', 'The server cannot be reached.');
  }
  if (!res.ok) throw failure(res, parseJson(await res.text()), path);
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function parseJson(text: string): unknown {
  try {
    return text ? JSON.parse(text) : undefined;
  } catch {
    return undefined; // not JSON (a proxy's error page): the status code says enough
  }
}

/** The server's error as an ApiError; a lost session also tells the app to show the sign-in page. */
function failure(res: Response, parsed: unknown, path: string): ApiError {
  const b = (parsed ?? {}) as { error?: string; message?: string; errors?: ApiError['errors'] };
  const err = new ApiError(
    res.status,
    b.error ?? 'http_error',
    b.message ?? res.statusText,
    b.errors ?? [],
    parsed,
  );
  if (res.status === 401 && !path.startsWith('/v1/auth/'))
    window.dispatchEvent(new CustomEvent(SIGNED_OUT_EVENT, { detail: err.code }));
  return err;
}

export interface WorkspaceView {
  id: string;
  name: string;
  base_currency: string;
  time_zone: string;
  locale: string;
  role: 'owner' | 'admin' | 'analyst' | 'viewer';
}

export interface Me {
  user: { id: string; email: string; name: string | null };
  workspaces: WorkspaceView[];
  csrf_token: string;
}
