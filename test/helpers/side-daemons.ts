import { request } from "node:http";

/**
 * The daemons CI runs beside the Engine on /var/run/docker.sock (scripts/docker-sandbox.sh
 * --engine podman|rootless), found through the variables .ci/run sets. A test that needs one fails,
 * never skips, when it is not there.
 */
export type SideDaemon = "podman" | "rootless";

const VARIABLE: Record<SideDaemon, string> = { podman: "TUTOR_PODMAN_HOST", rootless: "TUTOR_ROOTLESS_HOST" };

/** The daemon's DOCKER_HOST (`unix:///…`); throws with how to start it when the variable is unset. */
export function sideDaemonHost(daemon: SideDaemon): string {
  const host = process.env[VARIABLE[daemon]];
  if (!host?.startsWith("unix://")) {
    throw new Error(
      `This test needs the ${daemon} daemon: run \`bash scripts/docker-sandbox.sh --engine ${daemon}\` (as root) and set ${VARIABLE[daemon]} to the DOCKER_HOST=… line it prints last (.ci/run does both).`,
    );
  }
  return host;
}

/** A request to that daemon's Engine API, independent of the tutor's client. */
export function sideRequest(host: string, method: string, path: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ socketPath: host.slice("unix://".length), method, path }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString("utf8") }));
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end();
  });
}

export async function sideJson<T>(host: string, path: string): Promise<T> {
  const { status, text } = await sideRequest(host, "GET", path);
  if (status !== 200) throw new Error(`GET ${path} on ${host} → ${status}: ${text}`);
  return JSON.parse(text) as T;
}
