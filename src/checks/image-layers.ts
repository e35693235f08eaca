/** Layer arithmetic: an image built `FROM base` starts with all of base's layers, in order. */

export function commonPrefixLength(a: readonly string[], b: readonly string[]): number {
  let shared = 0;
  while (shared < a.length && shared < b.length && a[shared] === b[shared]) shared++;
  return shared;
}

export const isBuiltOn = (layers: readonly string[], baseLayers: readonly string[]): boolean =>
  baseLayers.length > 0 && commonPrefixLength(layers, baseLayers) === baseLayers.length;

export const sameLayers = (a: readonly string[], b: readonly string[]): boolean =>
  a.length === b.length && commonPrefixLength(a, b) === a.length;

/**
 * A CMD as a lesson writes it: `node app.js`, or the exec form `["node", "app.js"]`. A shell-form
 * CMD is stored as `/bin/sh -c "…"`, so that matches the bare command too.
 */
export function cmdMatches(cmd: readonly string[], wanted: string): boolean {
  const words = parseCmd(wanted);
  const joined = words.join(" ");
  if (cmd.join(" ") === joined) return true;
  return cmd.length === 3 && (cmd[0] === "/bin/sh" || cmd[0] === "sh") && cmd[1] === "-c" && cmd[2] === joined;
}

function parseCmd(text: string): string[] {
  const trimmed = text.trim();
  if (trimmed.startsWith("[")) {
    try {
      const parsed: unknown = JSON.parse(trimmed);
      if (Array.isArray(parsed) && parsed.every((w) => typeof w === "string")) return parsed;
    } catch {
      // Not JSON after all: read it as words.
    }
  }
  return trimmed.split(/\s+/);
}
