import { engineJson, pullImage } from "./helpers/engine-api.js";

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

export default async function setup(): Promise<void> {
  if (unitTestsOnly(process.argv)) return;
  try {
    await engineJson("/version");
  } catch {
    // No daemon: every integration test fails on its own, saying how to start one (requireDaemon).
    return;
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
