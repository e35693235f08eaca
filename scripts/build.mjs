// Bundles the CLI into dist/: one small entry that loads commander and chalk, and a chunk per
// lazily imported command. Dependencies stay external (installed by npm), so dockerode's
// .proto files and optional native parts keep working.
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
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

// The built-in lessons' summaries, so `list` and the menu start without YAML and the schema.
// Each file's sha1 is recorded: at run time a lesson file that differs makes the CLI load for real.
// (Lessons are validated by `docker-tutor validate` and the tests, not here.)
const { parse } = await import("yaml");
const lessonsDir = new URL("../lessons/", import.meta.url);
const files = readdirSync(lessonsDir).filter((name) => /^\d+-[a-z0-9-]+\.ya?ml$/.test(name));
const index = { files: [], lessons: [] };
for (const name of files) {
  const text = readFileSync(new URL(name, lessonsDir));
  const raw = parse(text.toString("utf8"));
  const defaults = Object.fromEntries(Object.entries(raw.variables ?? {}).map(([k, v]) => [k, String(v.default)]));
  const expand = (s) => String(s).replace(/\$\{\{\s*(\w+)\s*\}\}/g, (whole, n) => defaults[n] ?? whole);
  index.files.push({ name, sha1: createHash("sha1").update(text).digest("hex") });
  index.lessons.push({
    number: raw.number,
    id: raw.id,
    slug: raw.slug,
    title: expand(raw.title),
    minutes: raw.minutes,
    stepIds: raw.steps.map((s) => s.id),
  });
}
index.lessons.sort((a, b) => a.number - b.number);
writeFileSync(new URL("../dist/lesson-index.json", import.meta.url), `${JSON.stringify(index, null, 2)}\n`);
