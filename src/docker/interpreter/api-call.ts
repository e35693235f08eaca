/** One Engine API call a docker command makes: what `explain` prints and what `execute` sends. */
export interface ApiCall {
  readonly method: "GET" | "POST" | "PUT" | "DELETE" | "HEAD";
  /** Without the version prefix; `{id}` stands for an id known only when it runs. */
  readonly path: string;
  readonly query?: Readonly<Record<string, string | number | boolean>>;
  readonly body?: unknown;
  /** One line: why this call, in a learner's words ("create the container"). */
  readonly why: string;
  /** The body fields that matter, each in words ("HostConfig.PortBindings: 80/tcp → host 8080"). */
  readonly notes?: readonly string[];
  /** When it is made only sometimes ("only if the image is missing: pull it, then create again"). */
  readonly when?: string;
}

export function callLine(call: ApiCall): string {
  const query = call.query ? Object.entries(call.query).map(([k, v]) => `${k}=${encodeURIComponent(String(v))}`) : [];
  return `${call.method} ${call.path}${query.length > 0 ? `?${query.join("&")}` : ""}`;
}
