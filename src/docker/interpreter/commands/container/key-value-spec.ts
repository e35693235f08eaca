import { type Refusal, refuse } from "../../command.js";

export type Environment = Readonly<Record<string, string | undefined>>;

/**
 * `-e/--env` as docker/cli `opts.ValidateEnv`: `K=V` and `K=` pass as typed; a bare `K` takes its
 * value from the environment docker runs in, or stays bare when unset there.
 */
export function parseEnvFlags(values: readonly string[], environment: Environment, flag = "-e, --env"): string[] | Refusal {
  const env: string[] = [];
  for (const value of values) {
    const equals = value.indexOf("=");
    const key = equals < 0 ? value : value.slice(0, equals);
    if (key === "") return refuse(`invalid argument "${value}" for "${flag}" flag: invalid environment variable: ${value}`);
    const inherited = environment[key];
    env.push(equals >= 0 || inherited === undefined ? value : `${key}=${inherited}`);
  }
  return env;
}

/**
 * `-l/--label` as `opts.ValidateLabel` and `ConvertKVStringsToMap`: `k=v`, or bare `k` for an empty value.
 * Wrapped, so that a label named "problem" is never taken for a Refusal.
 */
export function parseLabelFlags(values: readonly string[]): { readonly labels: Record<string, string> } | Refusal {
  const labels: Record<string, string> = {};
  for (const value of values) {
    const equals = value.indexOf("=");
    const key = equals < 0 ? value : value.slice(0, equals);
    if (key.trim() === "") return refuse(`invalid argument "${value}" for "-l, --label" flag: invalid label '${value}': empty name`);
    labels[key] = equals < 0 ? "" : value.slice(equals + 1);
  }
  return { labels };
}
