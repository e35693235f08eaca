import type { DockerReader } from "../docker/reader.js";
import type { HttpAnswer } from "./check.js";
import { parseHttpResponse } from "./http-response.js";

/** How long the probe container may take, start to removal. */
const PROBE_TIMEOUT_MS = 15_000;

/**
 * The request, in a probe's shell: busybox `nc` on the daemon's host network (busybox `wget`
 * segfaults in the stand-in images; `nc` works everywhere busybox does). Arguments come as `$1…$4`,
 * so nothing of the URL is ever read as shell.
 */
const PROBE_SCRIPT =
  "command -v nc >/dev/null 2>&1 || { echo 'docker-tutor-probe: no nc in this image' >&2; exit 127; }; " +
  'printf \'GET %s HTTP/1.0\\r\\nHost: %s\\r\\nUser-Agent: docker-tutor\\r\\nConnection: close\\r\\n\\r\\n\' "$1" "$2" | nc -w 3 "$3" "$4"';

/** The probe's command for a URL, or why a probe cannot ask it. Pure. */
export function probeCommand(url: string): { readonly command: string[] } | { readonly problem: string } {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { problem: `${url} is not a URL` };
  }
  if (parsed.protocol !== "http:") return { problem: `only http:// is asked from the daemon's side, not ${parsed.protocol}//` };
  const host = parsed.hostname.replace(/^\[|\]$/g, "");
  // On the daemon's host network, its loopback is where its published ports answer.
  const address = host === "localhost" || host.startsWith("127.") || host === "::1" ? "127.0.0.1" : host;
  const port = parsed.port || "80";
  return { command: ["sh", "-c", PROBE_SCRIPT, "probe", `${parsed.pathname}${parsed.search}`, parsed.host, address, port] };
}

/** An error like Node's (with `code`), so a failure reads the same from either side. */
const failure = (message: string, code: string) => Object.assign(new Error(message), { code });

/** What the probe printed → the answer, or the error Node would have given. Pure. */
export function interpretProbe(url: string, exitCode: number, output: string): HttpAnswer | Error {
  const answer = parseHttpResponse(output);
  if (answer) return answer;
  if (exitCode === 127 && /no nc/.test(output))
    return failure(`the probe image has no nc to ask ${url} from the daemon's side`, "ENOPROBE");
  if (/refused|can't connect/i.test(output)) return failure(`nothing answers at ${url} on the daemon's side`, "ECONNREFUSED");
  if (/bad address|unknown host|name or service not known/i.test(output))
    return failure(`the host in ${url} is unknown on the daemon's side`, "ENOTFOUND");
  if (/timed out/i.test(output)) return failure(`${url} did not answer within 3 s`, "ETIMEDOUT");
  // nc connected, and the server closed without a word.
  if (output.trim() === "") return failure(`${url} closed the connection without an answer`, "ECONNRESET");
  return failure(`the probe said ${JSON.stringify(output.trim().slice(0, 120))}`, "EPROBE");
}

/** A GET made from the daemon's side: a labelled probe container on the daemon host's network, removed whatever happens. */
export async function daemonSideGet(docker: Pick<DockerReader, "runThrowaway">, image: string, url: string): Promise<HttpAnswer> {
  const planned = probeCommand(url);
  if ("problem" in planned) throw failure(planned.problem, "EPROBE");
  const { exitCode, output } = await docker.runThrowaway({
    image,
    // Whatever the image's own entrypoint (nginx's starts a server), the probe runs the shell.
    entrypoint: planned.command.slice(0, 1),
    command: planned.command.slice(1),
    purpose: "http probe",
    networkMode: "host",
    timeoutMs: PROBE_TIMEOUT_MS,
  });
  const result = interpretProbe(url, exitCode, output);
  if (result instanceof Error) throw result;
  return result;
}
