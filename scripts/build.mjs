// Bundles the CLI into dist/: one entry with what starts every command (commander, chalk, `list`),
// and chunks for what commands import late. The runtime dependencies are bundled too, so the published package
// depends on nothing and installs without scripts (issue 20); bundle-plugins.mjs says what of
// dockerode's tree is left out or loaded late, and why.
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";
import { build } from "esbuild";
import { COMMONJS_GLOBALS, commanderSpawnOnUse, fromCore, leaveOutUnused, splitOff, sshOnFirstUse } from "./bundle-plugins.mjs";
import { thirdPartyLicences } from "./third-party-licenses.mjs";

const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8"));
rmSync(new URL("../dist", import.meta.url), { recursive: true, force: true });
const common = {
  bundle: true,
  format: "esm",
  platform: "node",
  target: "node20",
  banner: { js: COMMONJS_GLOBALS },
  // node_modules may be a link (a worktree sharing one): keep its path, not the target's, in dist/.
  preserveSymlinks: true,
  define: { PACKAGE_VERSION: JSON.stringify(pkg.version) },
  metafile: true,
  logLevel: "warning",
};
const plugins = [leaveOutUnused, sshOnFirstUse, commanderSpawnOnUse];

// dist/cli.js is the core: everything `--help`, `--version` and `list` run, in one file, since
// Node reads each ES module file through its thread pool and that costs a cold start more than
// the code. Every other module a command imports late is a chunk under dist/chunks/ (first, the
// files the core leaves out), and those chunks take the core's own modules from dist/cli.js, so
// each module exists once (an error class is the same class everywhere).
const KEEP_IN_CORE = ["src/cli/commands/list.ts"];
const lateEntries = new Map();
const coreOptions = { ...common, write: false, plugins: [...plugins, splitOff(lateEntries, KEEP_IN_CORE)] };
const { metafile: coreSurvey } = await build({ ...coreOptions, entryPoints: ["src/cli/main.ts"], outfile: "dist/cli.js" });
const coreModules = Object.keys(coreSurvey.inputs).filter((input) => !input.includes(":") && /\.[cm]?[jt]s$/.test(input));
const core = await build({
  ...coreOptions,
  write: true,
  stdin: {
    contents: [
      'export * from "./src/cli/main.ts";',
      ...coreModules.map((input, i) => `import * as m${i} from "./${input}";`),
      `export const __core = { ${coreModules.map((input, i) => `${JSON.stringify(input)}: m${i}`).join(", ")} };`,
    ].join("\n"),
    resolveDir: fileURLToPath(new URL("..", import.meta.url)),
    sourcefile: "cli-core.js",
    loader: "js",
  },
  outfile: "dist/cli.js",
});
// What each core module exports, for the chunks that import it.
const { __core } = await import(pathToFileURL("dist/cli.js").href);
const coreExports = new Map(Object.entries(__core).map(([input, namespace]) => [input, Object.keys(namespace)]));
const late = await build({
  ...common,
  entryPoints: Object.fromEntries(lateEntries),
  outdir: "dist",
  splitting: true,
  chunkNames: "chunks/[name]-[hash]",
  plugins: [...plugins, fromCore(coreExports)],
});
const twice = Object.keys(late.metafile.inputs).filter((input) => coreExports.has(input));
if (twice.length > 0) throw new Error(`bundled into both dist/cli.js and its chunks: ${twice.join(", ")}`);
const inputs = { ...core.metafile.inputs, ...late.metafile.inputs };
writeFileSync(new URL("../dist/THIRD-PARTY-LICENSES.txt", import.meta.url), thirdPartyLicences({ inputs }));

// The built-in lessons, loaded and validated once here, so commands start without YAML and the
// schema (which more than double their start-up). Each file's sha1 is recorded: at run time a
// lesson file that differs, a --var or a --lessons-dir makes the CLI load lessons for real.
const loader = new URL("../dist/.prebuild-catalog.mjs", import.meta.url);
await build({
  entryPoints: ["src/lessons/prebuild.ts"],
  outfile: fileURLToPath(loader),
  bundle: true,
  format: "esm",
  platform: "node",
  packages: "external",
  logLevel: "warning",
});
const { prebuildCatalog, prebuildIndex } = await import(loader.href);
const prebuilt = prebuildCatalog();
writeFileSync(new URL("../dist/lessons.json", import.meta.url), `${JSON.stringify(prebuilt, null, 2)}\n`);
// And the little `list` shows of each, so that it reads a few kilobytes, not every step.
writeFileSync(new URL("../dist/lesson-index.json", import.meta.url), `${JSON.stringify(prebuildIndex(prebuilt))}\n`);
rmSync(loader);
