/**
 * Untyped JSON calls for endpoints whose routes declare no response schema (the generated api-types give them `{}`);
 * each area declares the shapes it reads next to its pages. Errors become ApiError, so applyApiError can put field
 * messages next to form fields, and requests carry the UI language.
 */
import { ApiError, apiLanguage, type FieldError } from './api';

export type Query = Record<string, string | number | boolean | undefined | null>;

export function withQuery(path: string, q?: Query): string {
  if (!q) return path;
  const sp = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) if (v !== undefined && v !== null && v !== '') sp.set(k, String(v));
  const s = sp.toString();
  return s ? `${path}?${s}` : path;
}

export async function call<T>(method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', path: string, body?: unknown, query?: Query): Promise<T> {
  let res: Response;
  try {
    res = await fetch(withQuery(path, query), {
      method,
      credentials: 'same-origin',
      headers: { Accept: 'application/json', 'Accept-Language': apiLanguage(), ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}) },
      body: body !== undefined ? JSON.stringify(body) : undefined,
    });
  } catch (e) {
    throw new ApiError(0, 'NETWORK', e instanceof Error ? e.message : String(e));
  }
  const text = await res.text();
  let parsed: unknown = null;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    parsed = null;
  }
  if (!res.ok) {
    const b = (parsed ?? {}) as { error?: { code?: string; message?: string; fields?: FieldError[] }; requestId?: string };
    const e = b.error;
    throw new ApiError(res.status, e?.code ?? `HTTP_${res.status}`, e?.message ?? `HTTP ${res.status}`, e?.fields ?? [], b.requestId);
  }
  return parsed as T;
}

export const get = <T>(path: string, query?: Query) => call<T>('GET', path, undefined, query);
export const post = <T>(path: string, body: unknown = {}) => call<T>('POST', path, body);
export const put = <T>(path: string, body: unknown = {}) => call<T>('PUT', path, body);

/** The reasons listed in a rule error message ("不符合简易注销条件：甲；乙" / "...: a; b"), one per line. */
export function reasonsOf(message: string): string[] {
  const i = Math.max(message.indexOf('：'), message.indexOf(': '));
  const tail = i >= 0 ? message.slice(i + (message[i] === '：' ? 1 : 2)) : message;
  return tail
    .split(/[；;]\s*/)
    .map((s) => s.trim())
    .filter(Boolean);
}
export const patch = <T>(path: string, body: unknown = {}) => call<T>('PATCH', path, body);

/** Organisation names, fetched once per id (plan pages list ids only). */
const orgNames = new Map<string, Promise<string>>();
export function orgName(id: string): Promise<string> {
  let p = orgNames.get(id);
  if (!p) {
    p = get<{ name: string }>(`/api/organisations/${encodeURIComponent(id)}`).then(
      (o) => o.name,
      () => id,
    );
    orgNames.set(id, p);
  }
  return p;
}
