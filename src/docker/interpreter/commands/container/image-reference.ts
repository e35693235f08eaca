/**
 * Image references the way docker/distribution `reference` normalises them, for what the CLI
 * prints and sends: "Unable to find image 'alpine:latest' locally", the pull's fromImage/tag, and
 * commit's fully qualified repository.
 */
export interface ImageReference {
  /** Without tag or digest, as typed. */
  readonly name: string;
  readonly tag?: string;
  readonly digest?: string;
}

export function splitReference(ref: string): ImageReference {
  const at = ref.indexOf("@");
  const withoutDigest = at < 0 ? ref : ref.slice(0, at);
  const digest = at < 0 ? undefined : ref.slice(at + 1);
  const colon = withoutDigest.lastIndexOf(":");
  const hasTag = colon > withoutDigest.lastIndexOf("/");
  return {
    name: hasTag ? withoutDigest.slice(0, colon) : withoutDigest,
    ...(hasTag ? { tag: withoutDigest.slice(colon + 1) } : {}),
    ...(digest === undefined ? {} : { digest }),
  };
}

/** docker.io/library/alpine → alpine; docker.io/ada/app → ada/app; other registries stay. */
export function familiarName(name: string): string {
  const qualified = qualifiedName(name);
  if (qualified.startsWith("docker.io/library/")) return qualified.slice("docker.io/library/".length);
  if (qualified.startsWith("docker.io/")) return qualified.slice("docker.io/".length);
  return qualified;
}

/** alpine → docker.io/library/alpine; ada/app → docker.io/ada/app; 127.0.0.1:5000/x stays. */
export function qualifiedName(name: string): string {
  const slash = name.indexOf("/");
  const first = slash < 0 ? "" : name.slice(0, slash);
  const hasRegistry = first.includes(".") || first.includes(":") || first === "localhost";
  if (hasRegistry) return first === "index.docker.io" ? `docker.io${name.slice(slash)}` : name;
  return slash < 0 ? `docker.io/library/${name}` : `docker.io/${name}`;
}

/** `FamiliarString(TagNameOnly(ref))`: "alpine" → "alpine:latest". */
export function familiarWithTag(ref: string): string {
  const { name, tag, digest } = splitReference(ref);
  const familiar = familiarName(name);
  if (digest !== undefined) return `${familiar}${tag === undefined ? "" : `:${tag}`}@${digest}`;
  return `${familiar}:${tag ?? "latest"}`;
}

/** The query of POST /images/create as the CLI's client sends it: the name, and a tag or digest. */
export function pullQuery(ref: string): { fromImage: string; tag: string } {
  const { name, tag, digest } = splitReference(ref);
  return { fromImage: familiarName(name), tag: digest ?? tag ?? "latest" };
}
