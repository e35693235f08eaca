import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pack } from "tar-fs";
import { afterEach, describe, expect, it } from "vitest";
import { fetchClientCertificates, nodeCertDir } from "../../../src/env/node-certificates.js";

const dirs: string[] = [];
const temp = () => {
  const dir = mkdtempSync(join(tmpdir(), "dtt-certs-"));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** What `docker cp NODE:/certs/client -` sends: a tar whose top folder is `client/`. */
function nodeWith(files: Record<string, string>) {
  const root = temp();
  mkdirSync(join(root, "client"));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(root, "client", name), text, { mode: 0o644 });
  return { copyOut: async () => pack(root, { entries: ["client"] }) };
}

describe("a node's client certificates, copied into the data folder", () => {
  it("lands as DOCKER_CERT_PATH wants it: ca.pem, cert.pem, key.pem, the folder 0700 and each file 0600", async () => {
    const dir = join(temp(), "play", "node1");
    const node = nodeWith({ "ca.pem": "CA", "cert.pem": "CERT", "key.pem": "KEY", "openssl.cnf": "x" });
    expect(await fetchClientCertificates(node, "id", dir)).toBe(true);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    for (const file of ["ca.pem", "cert.pem", "key.pem"]) expect(statSync(join(dir, file)).mode & 0o777, file).toBe(0o600);
    expect(readFileSync(join(dir, "key.pem"), "utf8")).toBe("KEY");
    // Only the three files a client needs.
    expect(() => statSync(join(dir, "openssl.cnf"))).toThrow();
  });

  it("while the node is still making them: false, and what was there before stays", async () => {
    const dir = join(temp(), "node1");
    expect(await fetchClientCertificates(nodeWith({ "ca.pem": "OLD", "cert.pem": "C", "key.pem": "K" }), "id", dir)).toBe(true);
    expect(await fetchClientCertificates(nodeWith({ "key.pem": "NEW" }), "id", dir)).toBe(false);
    expect(readFileSync(join(dir, "ca.pem"), "utf8")).toBe("OLD");
  });

  it("a node that cannot be read: false", async () => {
    const failing = { copyOut: async () => Promise.reject(new Error("no such container")) };
    expect(await fetchClientCertificates(failing, "id", join(temp(), "n"))).toBe(false);
  });

  it("kept under the data folder, by playground and node", () => {
    expect(nodeCertDir("play", "node2", { DOCKER_TUTOR_DATA_DIR: "/d" })).toBe("/d/playground/play/node2");
  });
});
