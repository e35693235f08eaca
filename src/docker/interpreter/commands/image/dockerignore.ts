import { posix } from "node:path";

/**
 * .dockerignore as the docker CLI reads it (moby/patternmatcher and its ignorefile.ReadAll): one pattern
 * a line, `#` comments, `!` re-includes, paths from the context root; `*` and `?` stay inside one
 * directory, `**` crosses directories, and a pattern that matches a directory excludes what is in it.
 */
export interface IgnorePattern {
  readonly text: string;
  readonly exclusion: boolean;
  readonly regex: RegExp;
}

export function parseDockerignore(content: string): IgnorePattern[] {
  const patterns: IgnorePattern[] = [];
  for (const [index, rawLine] of content.split(/\r?\n/).entries()) {
    const line = index === 0 ? rawLine.replace(/^\uFEFF/, "") : rawLine;
    if (line.startsWith("#")) continue;
    let text = line.trim();
    if (text === "") continue;
    const exclusion = text.startsWith("!");
    if (exclusion) text = text.slice(1).trim();
    if (text === "") continue;
    text = clean(text);
    patterns.push({ text, exclusion, regex: compile(text) });
  }
  return patterns;
}

/** filepath.Clean, then a leading `/` dropped: `/docs/` and `./docs` mean `docs`. */
function clean(pattern: string): string {
  const cleaned = posix.normalize(pattern).replace(/(.)\/+$/, "$1");
  return cleaned.length > 1 && cleaned.startsWith("/") ? cleaned.slice(1) : cleaned;
}

/** patternmatcher's Pattern.compile: the pattern as an anchored regular expression. */
function compile(pattern: string): RegExp {
  let source = "^";
  for (let index = 0; index < pattern.length; index++) {
    const char = pattern.charAt(index);
    if (char === "*" && pattern.charAt(index + 1) === "*") {
      index++;
      if (pattern.charAt(index + 1) === "/") index++;
      source += index + 1 >= pattern.length ? ".*" : "(.*/)?";
    } else if (char === "*") source += "[^/]*";
    else if (char === "?") source += "[^/]";
    else if (".+()|{}$".includes(char)) source += `\\${char}`;
    else if (char === "\\") {
      const next = pattern.charAt(index + 1);
      source += next === "" ? "\\\\" : `\\${next}`;
      index++;
    } else source += char;
  }
  return new RegExp(`${source}$`);
}

/** MatchesOrParentMatches: the last pattern that matches the path, or a directory above it, decides. */
export function isIgnored(patterns: readonly IgnorePattern[], path: string): boolean {
  const parents = parentsOf(path);
  let ignored = false;
  for (const pattern of patterns) {
    if (pattern.exclusion !== ignored) continue;
    const matches = pattern.regex.test(path) || parents.some((parent) => pattern.regex.test(parent));
    if (matches) ignored = !pattern.exclusion;
  }
  return ignored;
}

/** "a/b/c" → ["a", "a/b"] */
function parentsOf(path: string): string[] {
  const parts = path.split("/").slice(0, -1);
  return parts.map((_, index) => parts.slice(0, index + 1).join("/"));
}

/**
 * Whether an ignored directory must still be walked: only when a `!` pattern names something inside it
 * (moby archive.TarWithOptions skips it otherwise).
 */
export function mayReinclude(patterns: readonly IgnorePattern[], directory: string): boolean {
  return patterns.some((pattern) => pattern.exclusion && `${pattern.text}/`.startsWith(`${directory}/`));
}
