// The licence of every package esbuild put into dist/: bundling copies their code, and most of
// their licences (MIT, ISC, Apache-2.0, BSD) ask that the notice travel with it.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";

/** The package folder of each bundled input (the innermost node_modules entry), sorted by name. */
function packageFolders(metafile) {
  const folders = new Set();
  for (const input of Object.keys(metafile.inputs)) {
    const match = /^(?:[^:]*:)?(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(input);
    if (match) folders.add(resolve(match[1]));
  }
  return [...folders];
}

function licenceText(folder) {
  const file = readdirSync(folder).find((name) => /^(licen[cs]e|copying)(\.|$)/i.test(name));
  return file ? readFileSync(join(folder, file), "utf8").trim() : undefined;
}

/** One text: for each package, its name, version, SPDX licence and licence file. */
export function thirdPartyLicences(metafile) {
  const entries = packageFolders(metafile)
    .filter((folder) => existsSync(join(folder, "package.json")))
    .map((folder) => {
      const pkg = JSON.parse(readFileSync(join(folder, "package.json"), "utf8"));
      // ssh2 still uses the old `licenses: [{ type }]` form.
      const licence = pkg.license ?? pkg.licenses?.map((l) => l.type).join(" OR ") ?? "unknown";
      const text = licenceText(folder) ?? `(no licence file; package.json says ${licence})`;
      return { id: `${pkg.name}@${pkg.version}`, licence, text };
    })
    .sort((a, b) => a.id.localeCompare(b.id));
  const unique = [...new Map(entries.map((e) => [e.id, e])).values()];
  const header = `docker-tutor's dist/ bundles these ${unique.length} packages; their licences follow.\n`;
  return `${header}\n${unique.map((e) => `${"=".repeat(72)}\n${e.id} (${e.licence})\n\n${e.text}\n`).join("\n")}`;
}
