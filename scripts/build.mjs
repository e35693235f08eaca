// Bundles the CLI into dist/: one small entry that loads commander and chalk, and a chunk per
// lazily imported command. Dependencies stay external (installed by npm), so dockerode's
// .proto files and optional native parts keep working.
import { readFileSync, rmSync } from "node:fs";
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
