/**
 * The layout's import rules, read from the sources: dependencies run one way (cli → engine → checks
 * → docker; engine also uses lessons, progress and env), and only src/docker/ talks to dockerode.
 * Each rule lists its offenders as `file → import`.
 */
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const SRC = fileURLToPath(new URL("../../src/", import.meta.url));

interface ImportSite {
  readonly specifier: string;
  /** `import type …`, `export type … from`, or braces naming only types: gone once compiled. */
  readonly typeOnly: boolean;
}

// `import … from "x"`, `export … from "x"` and `import "x"`, each starting a line (the formatter's
// layout); the clause may span lines but holds only names, braces, commas and `*`.
const STATIC = /^(?:import|export)\s+(type\s+)?(?:([\w\s{},*$]*?)\s*from\s*)?["']([^"']+)["']/gm;
const DYNAMIC = /\bimport\(\s*["'`]([^"'`]+)["'`]\s*\)/g;
const COMMENT_LINE = /^\s*(?:\/\/|\/\*|\*).*$/gm;

/** Every import specifier in a TypeScript source: static imports and re-exports (type-only too) and `import("…")`. */
function importsOf(source: string): ImportSite[] {
  const code = source.replace(COMMENT_LINE, "");
  const sites: ImportSite[] = [];
  for (const [, typeKeyword, clause, specifier] of code.matchAll(STATIC)) {
    const named = /^\{([^}]*)\}$/.exec(clause?.trim() ?? "")?.[1];
    const names =
      named
        ?.split(",")
        .map((n) => n.trim())
        .filter(Boolean) ?? [];
    const typeOnly = typeKeyword !== undefined || (names.length > 0 && names.every((n) => n.startsWith("type ")));
    sites.push({ specifier: specifier as string, typeOnly });
  }
  for (const [, specifier] of code.matchAll(DYNAMIC)) sites.push({ specifier: specifier as string, typeOnly: false });
  return sites;
}

interface Edge extends ImportSite {
  /** Relative to src/, e.g. `engine/grade.ts`. */
  readonly file: string;
  /** The folder of `file` (`engine`), or the file itself at the root (`errors.ts`). */
  readonly from: string;
  /** The folder or root file a relative import reaches; undefined for a package. */
  readonly to: string | undefined;
}

const areaOf = (path: string): string => path.split("/")[0] as string;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith(".ts") ? [path] : [];
  });
}

const edges: Edge[] = sourceFiles(SRC).flatMap((path) => {
  const file = relative(SRC, path);
  return importsOf(readFileSync(path, "utf8")).map((site) => {
    const to = site.specifier.startsWith(".") ? areaOf(relative(SRC, resolve(dirname(path), site.specifier))) : undefined;
    // a root file imported as `../errors.js` is the source file errors.ts
    return { ...site, file, from: areaOf(file), to: to?.endsWith(".js") ? to.replace(/\.js$/, ".ts") : to };
  });
});

const ROOT_FILES = ["errors.ts", "within-time.ts"];
const shown = (found: readonly Edge[]) => found.map((e) => `src/${e.file} → ${e.specifier}${e.typeOnly ? " (type)" : ""}`);
const crossing = (from: string, allowed: (to: string) => boolean) =>
  edges.filter((e) => e.from === from && e.to !== undefined && e.to !== from && !allowed(e.to));
const into = (from: string, forbidden: readonly string[], options: { typesAllowed?: boolean } = {}) =>
  edges.filter((e) => e.from === from && e.to !== undefined && forbidden.includes(e.to) && !(options.typesAllowed && e.typeOnly));

const rule = shown;

describe("importsOf: the extractor the rules rest on", () => {
  it("finds static, multi-line, re-exported, side-effect and dynamic imports, and which are type-only", () => {
    const source = [
      'import type Dockerode from "dockerode";',
      'import { type A, type B } from "./types.js";',
      'import { type C, value } from "./mixed.js";',
      "import {",
      "  many,",
      "  names,",
      '} from "../engine/grade.js";',
      'export { TUTOR_LABEL } from "./labels.js";',
      'export type { View } from "./views.js";',
      'import "./side-effect.js";',
      '/** A comment: `await import("./not-this.js")`. */',
      '// import { nor } from "./this.js";',
      'const later = () => import("./commands/list.js");',
      'const text = "not an import from \\"./here.js\\"";',
    ].join("\n");
    expect(importsOf(source)).toEqual([
      { specifier: "dockerode", typeOnly: true },
      { specifier: "./types.js", typeOnly: true },
      { specifier: "./mixed.js", typeOnly: false },
      { specifier: "../engine/grade.js", typeOnly: false },
      { specifier: "./labels.js", typeOnly: false },
      { specifier: "./views.js", typeOnly: true },
      { specifier: "./side-effect.js", typeOnly: false },
      { specifier: "./commands/list.js", typeOnly: false },
    ]);
  });

  it("reads the real tree: the command table's lazy imports and the client's dockerode", () => {
    expect(edges.length).toBeGreaterThan(500);
    expect(edges).toContainEqual(expect.objectContaining({ file: "cli/program.ts", specifier: "./commands/list.js", to: "cli" }));
    expect(edges).toContainEqual(expect.objectContaining({ file: "docker/client.ts", specifier: "dockerode", typeOnly: true }));
    expect(edges).toContainEqual(expect.objectContaining({ file: "cli/main.ts", specifier: "../errors.js", to: "errors.ts" }));
  });
});

/** One cycle (first folder repeated at the end) for each set of folders that import each other round (Tarjan's SCCs). */
function folderCycles(): string[][] {
  const graph = new Map<string, string[]>();
  for (const e of edges) {
    if (e.to === undefined || e.to === e.from) continue;
    const next = graph.get(e.from) ?? [];
    if (!next.includes(e.to)) graph.set(e.from, [...next, e.to].sort());
  }
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const components: string[][] = [];
  const connect = (area: string) => {
    index.set(area, index.size);
    low.set(area, index.get(area) as number);
    stack.push(area);
    for (const next of graph.get(area) ?? []) {
      if (!index.has(next)) {
        connect(next);
        low.set(area, Math.min(low.get(area) as number, low.get(next) as number));
      } else if (stack.includes(next)) low.set(area, Math.min(low.get(area) as number, index.get(next) as number));
    }
    if (low.get(area) !== index.get(area)) return;
    const component: string[] = [];
    for (let top = stack.pop(); top !== undefined; top = top === area ? undefined : stack.pop()) component.push(top);
    if (component.length > 1) components.push(component.sort());
  };
  for (const area of [...graph.keys()].sort()) if (!index.has(area)) connect(area);
  // the shortest way round from the component's first folder back to itself, inside the component
  return components.map((component) => {
    const start = component[0] as string;
    const paths: string[][] = [[start]];
    for (const path of paths) {
      for (const next of graph.get(path.at(-1) as string) ?? []) {
        if (next === start) return [...path, start];
        if (component.includes(next) && !path.includes(next)) paths.push([...path, next]);
      }
    }
    return component;
  });
}

describe("the direction of dependencies", () => {
  it("only src/docker/ imports dockerode or docker-modem", () => {
    const found = edges.filter((e) => e.from !== "docker" && /^(dockerode|docker-modem)(\/|$)/.test(e.specifier));
    expect(rule(found), "only src/docker/ may import dockerode or docker-modem").toEqual([]);
  });

  it("only src/ui/ imports chalk and @inquirer/prompts: the terminal's looks and questions live there", () => {
    const found = edges.filter((e) => e.from !== "ui" && /^(chalk|@inquirer\/prompts)(\/|$)/.test(e.specifier));
    expect(rule(found), "only src/ui/ may import chalk or @inquirer/prompts").toEqual([]);
  });

  it("src/docker/ imports nothing from the rest of src/ but errors.ts and within-time.ts", () => {
    expect(rule(crossing("docker", (to) => ROOT_FILES.includes(to))), "src/docker/ must not import above itself").toEqual([]);
  });

  it("src/checks/ imports only docker/, the types of lessons/ and the root files", () => {
    const found = edges.filter(
      (e) =>
        e.from === "checks" &&
        e.to !== undefined &&
        e.to !== "checks" &&
        !(e.to === "docker" || ROOT_FILES.includes(e.to) || (e.to === "lessons" && e.typeOnly)),
    );
    expect(rule(found), "src/checks/ may import docker/, lessons/ (types) and root files only").toEqual([]);
  });

  it("src/env/ does not import checks/, engine/, testing/, cli/ or ui/", () => {
    expect(rule(into("env", ["checks", "engine", "testing", "cli", "ui"])), "src/env/ sits on docker/ only").toEqual([]);
  });

  it("src/engine/ does not import testing/ or cli/", () => {
    expect(rule(into("engine", ["testing", "cli"])), "src/engine/ must not import testing/ or cli/").toEqual([]);
  });

  it("src/testing/ does not import cli/ or ui/", () => {
    expect(rule(into("testing", ["cli", "ui"])), "src/testing/ must not import cli/ or ui/").toEqual([]);
  });

  it("src/ui/ runs no code of cli/, engine/ or testing/: it may import the types of the results it renders", () => {
    const found = [...into("ui", ["cli"]), ...into("ui", ["engine", "testing"], { typesAllowed: true })];
    expect(rule(found), "src/ui/ renders results; it does not import code above it").toEqual([]);
  });

  it("src/lessons/ and src/progress/ import nothing of cli/, engine/ or testing/, not even types", () => {
    const found = ["lessons", "progress"].flatMap((area) => into(area, ["cli", "engine", "testing"]));
    expect(rule(found), "lessons/ and progress/ sit below engine/").toEqual([]);
  });

  it("nothing outside src/cli/ imports src/cli/", () => {
    expect(rule(edges.filter((e) => e.from !== "cli" && e.to === "cli")), "only src/cli/ imports src/cli/").toEqual([]);
  });

  it("the folders import each other without a cycle", () => {
    const cycles = folderCycles().map((cycle) =>
      cycle
        .slice(1)
        .map((to, i) => {
          const from = cycle[i] as string;
          const example = edges.find((e) => e.from === from && e.to === to);
          return `${from} → ${to} (src/${example?.file} → ${example?.specifier})`;
        })
        .join(", "),
    );
    expect(cycles, "folders must depend on each other one way; one cycle per tangle of folders").toEqual([]);
  });
});
