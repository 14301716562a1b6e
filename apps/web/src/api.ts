/** The API of the same origin, with the access token of this tab's session. */
import { errorText, fieldText, type ApiFieldError, type ErrorBody } from './error-codes';

const TOKEN = 'hocba.token';

/** The reader's language, as the app sets it on the page (Vietnamese unless they chose English). */
const readsEnglish = () => typeof document !== 'undefined' && document.documentElement.lang === 'en';

/**
 * A refusal of the API. `message` is what the reader is shown: the Vietnamese text of the answer's
 * code (error-codes.ts), or the API's own English message when the reader chose English;
 * `apiMessage` is always the API's. `fields` are the fields in error, for forms to show beside them.
 */
export class ApiError extends Error {
  readonly code?: string;
  readonly apiMessage: string;
  readonly fields: ApiFieldError[];

  constructor(
    readonly status: number,
    apiMessage: string,
    /** The answer's JSON, when it carries more than a message (an import's rows with errors). */
    readonly body?: unknown,
  ) {
    const answer = body as ErrorBody | undefined;
    const fields = Array.isArray(answer?.errors) ? answer.errors : [];
    super(
      readsEnglish()
        ? apiMessage
        : answer?.code === 'validation.failed' && fields.length > 0
          ? fields.map((f) => fieldText(f, f.field, answer.params)).join('; ')
          : errorText(status, answer),
    );
    this.name = 'ApiError';
    this.code = answer?.code;
    this.apiMessage = apiMessage;
    this.fields = fields;
  }

  /**
   * The errors of a form, by field: each field in error named by its label in `labels` (by the
   * first segment of its path: "learner.fullName" → learner), the rest (and an error that names no
   * field) in `other`. In the reader's language.
   */
  byField(labels: Record<string, string>): { byField: Record<string, string>; other: string[] } {
    const byField: Record<string, string> = {};
    const other: string[] = [];
    const params = (this.body as ErrorBody | undefined)?.params;
    for (const f of this.fields) {
      const root = f.field.split(/[.[]/)[0];
      const label = labels[root] ?? labels[f.field.split('.').pop() ?? ''];
      const text = readsEnglish() ? f.message : fieldText(f, label ?? f.field, params);
      if (labels[root]) byField[root] = byField[root] ? `${byField[root]}; ${text}` : text;
      else other.push(text);
    }
    // A refusal about the whole request, or one whose only field has no place on this form.
    if (this.fields.length === 0 || (this.code !== 'validation.failed' && Object.keys(byField).length === 0))
      return { byField, other: [this.message] };
    return { byField, other };
  }
}

/** The ApiError of an answer that is not ok, from its body's text (JSON or not). */
function refusal(status: number, text: string): ApiError {
  let parsed: ErrorBody | undefined;
  let message = text;
  try {
    parsed = JSON.parse(text) as ErrorBody;
    message = [parsed.message ?? parsed.error ?? text].flat().join('; ');
  } catch {
    /* not JSON: a proxy's page */
  }
  return new ApiError(status, message, parsed);
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
  if (!res.ok) throw refusal(res.status, await res.text());
  if (res.status === 204) return undefined as T;
  return (await res.json()) as T;
}

/** Downloads a file the API makes (XLSX, CSV, ZIP) under the name the API gives. */
export async function download(path: string): Promise<void> {
  const token = session()?.token;
  const res = await fetch(path, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  if (!res.ok) throw refusal(res.status, await res.text());
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
