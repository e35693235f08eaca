import { createHash } from "node:crypto";
import { createServer, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A loopback registry (plain HTTP, which dockerd allows for 127.0.0.0/8) with one image whose
 * only layer starts downloading and then never finishes: a `docker pull` of `image` hangs
 * until someone gives up on it.
 */
export interface StallRegistry {
  readonly host: string;
  readonly image: string;
  /** Layer downloads still open, i.e. the daemon is still waiting for the rest of the blob. */
  blobRequestsOpen(): number;
  blobRequestsSeen(): number;
  close(): Promise<void>;
  [Symbol.asyncDispose](): Promise<void>;
}

const REPO = "stall/app";
const TAG = "1";
const MANIFEST_TYPE = "application/vnd.docker.distribution.manifest.v2+json";
const LAYER_SIZE = 50 * 1024 * 1024;
// dockerd reports "Downloading" progress only once more than 512 KiB of a layer have come in.
const LAYER_SENT = 1024 * 1024;
const TRICKLE_MS = 100;

const sha256 = (data: string | Buffer) => `sha256:${createHash("sha256").update(data).digest("hex")}`;

export async function startStallRegistry(): Promise<StallRegistry> {
  // Never served in full, so these only need to look like digests.
  const layerDigest = sha256("docker-tutor stall layer");
  const diffId = sha256("docker-tutor stall diff");
  const config = Buffer.from(
    JSON.stringify({
      architecture: process.arch === "x64" ? "amd64" : process.arch,
      os: "linux",
      created: "2024-01-01T00:00:00Z",
      config: { Cmd: ["/bin/sh"] },
      rootfs: { type: "layers", diff_ids: [diffId] },
      history: [{ created: "2024-01-01T00:00:00Z", created_by: "stall-registry" }],
    }),
  );
  const configDigest = sha256(config);
  const manifest = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: MANIFEST_TYPE,
      config: { mediaType: "application/vnd.docker.container.image.v1+json", size: config.length, digest: configDigest },
      layers: [{ mediaType: "application/vnd.docker.image.rootfs.diff.tar.gzip", size: LAYER_SIZE, digest: layerDigest }],
    }),
  );
  const manifestDigest = sha256(manifest);

  let open = 0;
  let seen = 0;
  const send = (res: ServerResponse, status: number, type: string, body: Buffer, digest?: string) => {
    res.writeHead(status, {
      "Content-Type": type,
      "Content-Length": body.length,
      "Docker-Distribution-API-Version": "registry/2.0",
      ...(digest ? { "Docker-Content-Digest": digest } : {}),
    });
    res.end(body); // Node drops the body of a HEAD response itself
  };
  const notFound = (res: ServerResponse, code: string, message: string) =>
    send(res, 404, "application/json", Buffer.from(JSON.stringify({ errors: [{ code, message, detail: null }] })));

  const server = createServer((req, res) => {
    const path = new URL(req.url ?? "/", "http://registry").pathname;
    if (req.method !== "GET" && req.method !== "HEAD") return notFound(res, "UNSUPPORTED", "the operation is unsupported");
    if (path === "/v2/") return send(res, 200, "application/json", Buffer.from("{}"));
    if (path === `/v2/${REPO}/manifests/${TAG}` || path === `/v2/${REPO}/manifests/${manifestDigest}`) {
      return send(res, 200, MANIFEST_TYPE, manifest, manifestDigest);
    }
    if (path === `/v2/${REPO}/blobs/${configDigest}`) return send(res, 200, "application/octet-stream", config, configDigest);
    if (path === `/v2/${REPO}/blobs/${layerDigest}`) {
      res.writeHead(200, {
        "Content-Type": "application/octet-stream",
        "Content-Length": LAYER_SIZE,
        "Docker-Distribution-API-Version": "registry/2.0",
        "Docker-Content-Digest": layerDigest,
      });
      if (req.method === "HEAD") return res.end();
      seen += 1;
      open += 1;
      res.write(Buffer.alloc(LAYER_SENT));
      // Then a byte now and then, never the rest. dockerd 20.10 stops a cancelled pull from
      // reading, but closes the connection only when its pending read returns: after total
      // silence the socket would stay open forever, with these it closes within TRICKLE_MS.
      const trickle = setInterval(() => res.write(Buffer.alloc(1)), TRICKLE_MS);
      res.on("close", () => {
        open -= 1;
        clearInterval(trickle);
      });
      return;
    }
    if (path.includes("/manifests/")) return notFound(res, "MANIFEST_UNKNOWN", "manifest unknown");
    if (path.includes("/blobs/")) return notFound(res, "BLOB_UNKNOWN", "blob unknown to registry");
    notFound(res, "NAME_UNKNOWN", "repository name not known to registry");
  });
  // dockerd tries HTTPS first: its TLS hello gets Node's default 400 and a closed socket, and dockerd falls back to HTTP.
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const host = `127.0.0.1:${(server.address() as AddressInfo).port}`;
  const close = async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  return {
    host,
    image: `${host}/${REPO}:${TAG}`,
    blobRequestsOpen: () => open,
    blobRequestsSeen: () => seen,
    close,
    [Symbol.asyncDispose]: close,
  };
}
