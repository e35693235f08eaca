/**
 * Image references as a learner types them. `alpine`, `alpine:latest` and
 * `docker.io/library/alpine:latest` name the same image; so do `hello:v0.1` and `docker.io/library/hello:v0.1`.
 */
export function normalizeImageRef(ref: string): string {
  const withoutRegistry = ref
    .trim()
    .replace(/^(docker\.io|index\.docker\.io|registry-1\.docker\.io)\//, "")
    .replace(/^library\/(?=[^/]+$)/, "");
  const lastSegment = withoutRegistry.slice(withoutRegistry.lastIndexOf("/") + 1);
  return lastSegment.includes(":") || lastSegment.includes("@") ? withoutRegistry : `${withoutRegistry}:latest`;
}

/** Swarm pins a service's image by digest (`nginx:alpine@sha256:…`); lessons name it without. */
export function withoutDigest(ref: string): string {
  const at = ref.indexOf("@");
  return at === -1 ? ref : ref.slice(0, at);
}

export const sameImageRef = (a: string, b: string): boolean => normalizeImageRef(withoutDigest(a)) === normalizeImageRef(withoutDigest(b));
