/** The API of the same origin, with the access token of this tab's session. */
const TOKEN = 'hocba.token';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    /** The answer's JSON, when it carries more than a message (an import's rows with errors). */
    readonly body?: unknown,
  ) {
    super(message);
  }
}

export interface Session {
  token: string;
  role: 'national-admin' | 'national-viewer' | 'coordinator';
}

export function session(): Session | undefined {
  const token = sessionStorage.getItem(TOKEN);
  if (!token) return undefined;
  try {
    const claims = JSON.parse(atob(token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/'))) as {
      role: Session['role'];
      exp: number;
    };
    if (claims.exp * 1000 < Date.now()) return undefined;
    return { token, role: claims.role };
  } catch {
    return undefined;
  }
}

export async function login(username: string, password: string): Promise<void> {
  const body = await call<{ accessToken: string }>(
    'POST',
    '/api/v1/auth/login',
    { username, password },
    false,
  );
  sessionStorage.setItem(TOKEN, body.accessToken);
}

export async function logout(): Promise<void> {
  await call('POST', '/api/v1/auth/logout').catch(() => undefined);
  sessionStorage.removeItem(TOKEN);
}

/** Renews the 30-minute token while the tab is in use (the session itself lasts a working day). */
export async function refresh(): Promise<void> {
  const body = await call<{ accessToken: string }>('POST', '/api/v1/auth/refresh');
  sessionStorage.setItem(TOKEN, body.accessToken);
}

export async function call<T = unknown>(
  method: string,
  path: string,
  body?: unknown,
  authorised = true,
): Promise<T> {
  const headers: Record<string, string> = {};
  const token = authorised ? session()?.token : undefined;
  if (token) headers.authorization = `Bearer ${token}`;
  let payload: BodyInit | undefined;
  if (body instanceof FormData) payload = body;
  else if (body !== undefined) {
    headers['content-type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  const res = await fetch(path, { method, headers, body: payload });
  if (res.status === 401 && authorised) {
    sessionStorage.removeItem(TOKEN);
    location.hash = '#/login';
  }
  if (!res.ok) {
    const text = await res.text();
    let message = text;
    let parsed: { message?: string | string[]; error?: string } | undefined;
    try {
      parsed = JSON.parse(text) as { message?: string | string[]; error?: string };
      message = [parsed.message ?? parsed.error ?? text].flat().join('; ');
    } catch {
      /* not JSON */
    }
    throw new ApiError(res.status, message, parsed);
  }
  if (res.status === 204) return undefined as T;
  return (await res.json()) as T;
}

/** Downloads a file the API makes (XLSX, CSV, ZIP) under the name the API gives. */
export async function download(path: string): Promise<void> {
  const token = session()?.token;
  const res = await fetch(path, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  if (!res.ok) throw new ApiError(res.status, await res.text());
  const name = /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? 'hocba';
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  URL.revokeObjectURL(url);
}

export const query = (params: Record<string, string | undefined>) =>
  new URLSearchParams(Object.entries(params).filter((e): e is [string, string] => !!e[1])).toString();
