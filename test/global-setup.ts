import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { DAEMON_SOCKET, engineJson, pullImage } from "./helpers/engine-api.js";

/**
 * The images integration tests build on: the stand-ins scripts/docker-sandbox.sh serves through
 * the registry mirror (its IMAGES list). The sandbox leaves them in the mirror only, so on a new
 * machine the daemon has none of them; a test that tags busybox or expects `docker pull alpine`
 * to say "up to date" must not depend on an earlier test having pulled it.
 */
const FIXTURE_IMAGES = ["alpine:latest", "busybox:latest", "hello-world:latest", "nginx:alpine", "nginx:latest", "registry:2"];

/** True when every path named on the command line is a unit-test path: those need no daemon. */
function unitTestsOnly(argv: readonly string[]): boolean {
  const filters = argv.slice(2).filter((arg) => !arg.startsWith("-") && arg !== "run" && !arg.includes("vitest"));
  return filters.length > 0 && filters.every((filter) => filter.replace(/^\.\//, "").startsWith("test/unit"));
}

const SANDBOX = fileURLToPath(new URL("../scripts/docker-sandbox.sh", import.meta.url));

const daemonAnswers = () =>
  engineJson("/version").then(
    () => true,
    () => false,
  );

/**
 * No daemon: where the sandbox may start one (root on Debian, as in CI), start it and say so;
 * anywhere else, stop with the one thing to run.
 */
function startSandbox(): void {
  const mayStart = process.getuid?.() === 0 && existsSync("/etc/debian_version");
  if (!mayStart) {
    throw new Error(
      `No Docker daemon answers on ${DAEMON_SOCKET}: start Docker, or on Debian run \`sudo bash scripts/docker-sandbox.sh\`, then \`npm test\` again.`,
    );
  }
  process.stderr.write(
    `No Docker daemon answers on ${DAEMON_SOCKET}: starting the sandbox (scripts/docker-sandbox.sh, Engine 28) first.\n`,
  );
  execFileSync("bash", [SANDBOX], { stdio: ["ignore", process.stderr, process.stderr] });
}

export default async function setup(): Promise<void> {
  if (unitTestsOnly(process.argv)) return;
  if (!(await daemonAnswers())) {
    startSandbox();
    if (!(await daemonAnswers())) throw new Error(`The sandbox started, yet no Docker daemon answers on ${DAEMON_SOCKET}.`);
  }
  for (const ref of FIXTURE_IMAGES) {
    const present = await engineJson(`/images/${encodeURIComponent(ref)}/json`).then(
      () => true,
      () => false,
    );
    if (present) continue;
    try {
      await pullImage(ref);
    } catch (error) {
      throw new Error(
        `Integration tests need ${ref} on the daemon and it could not be pulled (${String(error)}). ` +
          "Run `bash scripts/docker-sandbox.sh` (as root) to serve the stand-in images through a registry mirror.",
      );
    }
  }
}
