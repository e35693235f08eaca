// Bundles the CLI into dist/: one small entry that loads commander and chalk, and a chunk per
// lazily imported command. The runtime dependencies are bundled too, so the published package
// depends on nothing and installs without scripts (issue 20); bundle-plugins.mjs says what of
// dockerode's tree is left out or loaded late, and why.
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { COMMONJS_GLOBALS, leaveOutUnused, sshOnFirstUse } from "./bundle-plugins.mjs";
import { thirdPartyLicences } from "./third-party-licenses.mjs";

const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8"));
rmSync(new URL("../dist", import.meta.url), { recursive: true, force: true });
const { metafile } = await build({
  entryPoints: { cli: "src/cli/main.ts" },
  outdir: "dist",
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20",
  chunkNames: "chunks/[name]-[hash]",
  banner: { js: COMMONJS_GLOBALS },
  // node_modules may be a link (a worktree sharing one): keep its path, not the target's, in dist/.
  preserveSymlinks: true,
  plugins: [leaveOutUnused, sshOnFirstUse],
  define: { PACKAGE_VERSION: JSON.stringify(pkg.version) },
  metafile: true,
  logLevel: "warning",
});
writeFileSync(new URL("../dist/THIRD-PARTY-LICENSES.txt", import.meta.url), thirdPartyLicences(metafile));

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
