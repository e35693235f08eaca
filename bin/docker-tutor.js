#!/usr/bin/env node
// The installed command: checks that this Node.js can run the tutor, then runs the bundled CLI and
// sets the exit code. Plain JavaScript that old versions parse, so they can say why they cannot.
import { readFileSync } from "node:fs";
import module from "node:module";
import { fileURLToPath } from "node:url";

const { engines } = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8"));
const [major, minor] = process.versions.node.split(".").map(Number);
// engines.node is "^20.17.0 || ^22.13.0 || >=23.5.0": a major.minor at least, in that major (^) or any later one (>=).
const fits = engines.node.split("||").some((range) => {
  const [, op, wantMajor, wantMinor] = /(\^|>=)\s*(\d+)\.(\d+)/.exec(range) || [];
  return (major === Number(wantMajor) && minor >= Number(wantMinor)) || (op === ">=" && major > Number(wantMajor));
});
if (!fits) {
  process.stderr.write(
    `docker-tutor needs Node.js ${engines.node} and this is ${process.versions.node}: install a current LTS release from https://nodejs.org, then run it again.\n`,
  );
  process.exit(2); // a usage error, as for a wrong option
}

// Node 22.1 and later can keep the bundle compiled between runs (in its own folder under the
// system's temporary one): a faster start. Node 20 has no such cache, and this does nothing there.
module.enableCompileCache?.();

const bundle = new URL("../dist/cli.js", import.meta.url);
// A clone has no dist/ until it is built (npm ci and npm install build it; the package ships it).
const { run } = await import(bundle.href).catch((error) => {
  if (error.code !== "ERR_MODULE_NOT_FOUND" || !String(error.message).includes(fileURLToPath(bundle))) throw error;
  process.stderr.write("docker-tutor is not built here (dist/cli.js is missing): run `npm run build`, then run it again.\n");
  process.exit(2);
});
process.exitCode = await run(process);
// Stopped by Ctrl-C (130): a request to a daemon that hangs must not keep the process alive.
if (process.exitCode === 130) process.exit(130);
