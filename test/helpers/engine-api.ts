import { request } from "node:http";

/**
 * A second, independent way to ask the daemon things, so integration tests compare what the
 * tutor reports with what the Engine API itself says (never with the tutor's own client).
 */
export const DAEMON_SOCKET = "/var/run/docker.sock";

export function engineRequest(method: string, path: string, body?: unknown): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const req = request(
      {
        socketPath: DAEMON_SOCKET,
        method,
        path,
        headers: payload ? { "content-type": "application/json", "content-length": Buffer.byteLength(payload) } : {},
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString("utf8") }));
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    req.end(payload);
  });
}

export async function engineJson<T>(path: string): Promise<T> {
  const { status, text } = await engineRequest("GET", path);
  if (status !== 200) throw new Error(`GET ${path} → ${status}: ${text}`);
  return JSON.parse(text) as T;
}

/** Fails the test loudly when no daemon answers: integration tests never skip. */
export async function requireDaemon(): Promise<{ ApiVersion: string; Version: string; KernelVersion: string }> {
  try {
    return await engineJson("/version");
  } catch (error) {
    throw new Error(
      `Integration tests need a Docker daemon on ${DAEMON_SOCKET} and none answers (${String(error)}). ` +
        "Run `bash scripts/docker-sandbox.sh` (as root) to install and start one.",
    );
  }
}

/** Pulls an image through the daemon (and so through its registry mirror); throws on an error line. */
export async function pullImage(ref: string): Promise<void> {
  const [name, tag = "latest"] = ref.split(":");
  const { status, text } = await engineRequest(
    "POST",
    `/images/create?fromImage=${encodeURIComponent(name ?? ref)}&tag=${encodeURIComponent(tag)}`,
  );
  const errorLine = text.split("\n").find((line) => line.includes('"error"'));
  if (status !== 200 || errorLine) throw new Error(`pull ${ref} failed: ${errorLine ?? text}`);
}

export function uniqueName(prefix: string): string {
  return `dtt-${prefix}-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
}
