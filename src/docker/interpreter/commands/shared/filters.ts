import { type Refusal, refuse } from "../../command.js";
import { marshalJson } from "../../format/go-json.js";

/** `--filter name=value`, as docker's filters package reads it: names lower-cased, values trimmed, repeats kept. */
export type Filters = Readonly<Record<string, readonly string[]>>;

export function parseFilters(values: readonly string[]): Filters | Refusal {
  const filters: Record<string, string[]> = {};
  for (const value of values) {
    const equals = value.indexOf("=");
    if (equals < 0) return refuse(`bad format of filter "${value}" (expected name=value)`);
    const name = value.slice(0, equals).trim().toLowerCase();
    filters[name] = [...(filters[name] ?? []), value.slice(equals + 1).trim()];
  }
  return filters;
}

/** filters.ToJSON: `{"reference":{"alp*":true}}`, names and values in Go's sorted map order. */
export function filtersJson(filters: Filters): string {
  const sorted: Record<string, Record<string, true>> = {};
  for (const name of Object.keys(filters).sort()) {
    sorted[name] = Object.fromEntries([...(filters[name] ?? [])].sort().map((value) => [value, true]));
  }
  return marshalJson(sorted);
}

export const hasFilters = (filters: Filters): boolean => Object.keys(filters).length > 0;

/** The filters as the `notes` of a plan: "reference=alp*". */
export const filterNotes = (filters: Filters): string[] =>
  Object.entries(filters).flatMap(([name, values]) => values.map((value) => `filter ${name}=${value}`));
