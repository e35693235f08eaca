import type { ApiCall } from "./api-call.js";

/** A query value; a list repeats its key (`t=web:1&t=web:latest`), as the docker CLI sends several tags. */
export type QueryValue = string | number | boolean | readonly string[];

/**
 * What plan and execute share for one request: an ApiCall whose query may repeat a key (ApiCall's record
 * cannot), plus the headers the request needs. `toApiCall` gives what `explain` prints.
 */
export interface EngineCall extends Omit<ApiCall, "query"> {
  readonly query?: Readonly<Record<string, QueryValue>>;
  readonly headers?: Readonly<Record<string, string>>;
}

/** `X-Registry-Auth` with no credentials: base64 of `{}`; the daemon refuses a push or pull without it. */
export const ANONYMOUS_REGISTRY_AUTH = Buffer.from("{}").toString("base64");

export function toApiCall(call: EngineCall): ApiCall {
  const { query, headers: _headers, ...rest } = call;
  if (query === undefined || Object.keys(query).length === 0) return rest;
  if (!Object.values(query).some((value) => Array.isArray(value))) return { ...rest, query: query as ApiCall["query"] };
  return { ...rest, path: `${rest.path}?${encodeQuery(query)}` };
}

/** `a=1&t=x&t=y`, each value escaped the way `callLine` escapes it. */
export function encodeQuery(query: Readonly<Record<string, QueryValue>>): string {
  return Object.entries(query)
    .flatMap(([key, value]) => (Array.isArray(value) ? value : [value]).map((one) => `${key}=${encodeURIComponent(String(one))}`))
    .join("&");
}

/**
 * A name or reference as one part of a request path, escaped like Go's url.URL path: `/`, `:` and `@`
 * stay, as in `/images/127.0.0.1:5000/web:1/json`; a space or `#` does not.
 */
export function pathPart(name: string): string {
  return encodeURIComponent(name).replace(/%(2F|3A|40|24|26|2B|2C|3B|3D)/g, (escaped) => decodeURIComponent(escaped));
}
