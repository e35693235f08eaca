import { type Refusal, refuse } from "../../command.js";

export interface RestartPolicy {
  readonly Name: string;
  readonly MaximumRetryCount: number;
}

/**
 * `--restart` as docker/cli `opts.ParseRestartPolicy`: `name[:count]`. The name itself is checked by
 * the daemon ("invalid restart policy 'x'"), so an unknown one fails there, as with the CLI.
 */
export function parseRestartPolicy(text: string): RestartPolicy | Refusal {
  const colon = text.indexOf(":");
  const name = colon < 0 ? text : text.slice(0, colon);
  const count = colon < 0 ? "" : text.slice(colon + 1);
  if (colon >= 0 && name === "") return refuse("invalid restart policy format: no policy provided before colon");
  if (count !== "" && !/^[+-]?\d+$/.test(count)) return refuse("invalid restart policy format: maximum retry count must be an integer");
  return { Name: name, MaximumRetryCount: count === "" ? 0 : Number(count) };
}

/** RestartPolicy.IsNone: what may be combined with --rm. */
export const isNoRestart = (policy: RestartPolicy): boolean => policy.Name === "no" || policy.Name === "";

export function describeRestartPolicy(policy: RestartPolicy): string {
  if (policy.Name === "on-failure" && policy.MaximumRetryCount > 0) return `on-failure, at most ${policy.MaximumRetryCount} retries`;
  const meaning: Record<string, string> = {
    always: "always (also after the daemon restarts)",
    "unless-stopped": "unless-stopped (always, unless you stopped it)",
    "on-failure": "on-failure (when it exits with a non-zero code)",
  };
  return meaning[policy.Name] ?? policy.Name;
}
