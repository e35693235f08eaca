import type { z } from "zod";

/** Every field name the format knows, for "did you mean" suggestions. Walks zod's definitions. */
export function collectFieldNames(schema: z.ZodType): Set<string> {
  const names = new Set<string>();
  const seen = new Set<unknown>();
  const walk = (node: unknown): void => {
    if (!node || typeof node !== "object" || seen.has(node)) return;
    seen.add(node);
    const def = (node as { _zod?: { def?: Record<string, unknown> } })._zod?.def;
    if (!def) return;
    const shape = def.shape as Record<string, unknown> | undefined;
    if (shape) {
      for (const [key, child] of Object.entries(shape)) {
        names.add(key);
        walk(child);
      }
    }
    for (const key of ["element", "innerType", "in", "out", "valueType", "schema"]) walk(def[key]);
    for (const option of (def.options as unknown[] | undefined) ?? []) walk(option);
  };
  walk(schema);
  return names;
}
