// Bundles the CLI into dist/: one small entry that loads commander and chalk, and a chunk per
// lazily imported command. Dependencies stay external (installed by npm), so dockerode's
// .proto files and optional native parts keep working.
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8"));
rmSync(new URL("../dist", import.meta.url), { recursive: true, force: true });
await build({
  entryPoints: { cli: "src/cli/main.ts" },
  outdir: "dist",
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20",
  packages: "external",
  chunkNames: "chunks/[name]-[hash]",
  define: { PACKAGE_VERSION: JSON.stringify(pkg.version) },
  logLevel: "warning",
});

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
const { prebuildCatalog } = await import(loader.href);
writeFileSync(new URL("../dist/lessons.json", import.meta.url), `${JSON.stringify(prebuildCatalog(), null, 2)}\n`);
rmSync(loader);
