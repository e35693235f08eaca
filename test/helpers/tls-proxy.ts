import { execFileSync } from "node:child_process";
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { connect, type Socket } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createServer, type Server } from "node:tls";
import { DAEMON_SOCKET } from "./engine-api.js";

/**
 * The local daemon behind TLS on a loopback port, with a certificate made for 127.0.0.1:
 * DOCKER_HOST=tcp://127.0.0.1:PORT, DOCKER_TLS_VERIFY=1 and DOCKER_CERT_PATH=certDir (its ca.pem)
 * reach it as a remote daemon with TLS is reached. Needs the openssl command.
 */
export interface TlsProxy {
  readonly port: number;
  readonly certDir: string;
  close(): Promise<void>;
}

export async function startTlsProxy(target = DAEMON_SOCKET): Promise<TlsProxy> {
  const certDir = mkdtempSync(join(tmpdir(), "dtt-tls-"));
  const key = join(certDir, "server-key.pem");
  const cert = join(certDir, "server-cert.pem");
  const newKey = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-keyout", key];
  const subject = ["-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"];
  execFileSync("openssl", ["req", "-x509", ...newKey, ...subject, "-days", "1", "-out", cert], { stdio: "pipe" });
  // Self-signed: the server's certificate is its own CA.
  copyFileSync(cert, join(certDir, "ca.pem"));
  const open = new Set<Socket>();
  const server: Server = createServer({ key: readFileSync(key), cert: readFileSync(cert) }, (client) => {
    const upstream = connect(target);
    open.add(client).add(upstream);
    client.pipe(upstream).pipe(client);
    const end = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on("error", end).on("close", end);
    upstream.on("error", end).on("close", end);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("the TLS proxy has no TCP port");
  return {
    port: address.port,
    certDir,
    close: async () => {
      for (const socket of open) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      rmSync(certDir, { recursive: true, force: true });
    },
  };
}
