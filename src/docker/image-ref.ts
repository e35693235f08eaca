/**
 * An image reference, parsed once, the way the docker CLI reads one (github.com/distribution/reference
 * ParseNormalizedNamed): `alpine` is docker.io/library/alpine:latest's short form, and
 * `127.0.0.1:5000/web:1` names its registry.
 */
export class ImageRef {
  private constructor(
    /** "docker.io", "127.0.0.1:5000"… */
    readonly domain: string,
    /** "library/alpine", "me/web"… */
    readonly path: string,
    readonly tag?: string,
    readonly digest?: string,
  ) {}

  /** The reference, or the CLI's words for why the text is not one. */
  static parse(text: string): ImageRef | { readonly problem: string } {
    if (/^[a-f0-9]{64}$/.test(text)) return { problem: `invalid repository name (${text}), cannot specify 64-byte hexadecimal strings` };
    const { domain, remainder } = splitDomain(text);
    const remoteName = remainder.includes(":") ? remainder.slice(0, remainder.indexOf(":")) : remainder;
    if (remoteName.toLowerCase() !== remoteName) {
      return { problem: `invalid reference format: repository name (${remoteName}) must be lowercase` };
    }
    const match = REFERENCE.exec(`${domain}/${remainder}`);
    if (match === null) return { problem: "invalid reference format" };
    const [, name = "", tag, digest] = match;
    if (name.length > 255) return { problem: "invalid reference format: repository name must not be more than 255 characters" };
    return new ImageRef(domain, name.slice(domain.length + 1), tag || undefined, digest || undefined);
  }

  /**
   * The same parts without checking that they are well formed: for what the daemon reports and for
   * comparing what a learner typed, which may be anything.
   */
  static read(text: string): ImageRef {
    const { domain, remainder } = splitDomain(text);
    const at = remainder.indexOf("@");
    const named = at < 0 ? remainder : remainder.slice(0, at);
    const colon = named.lastIndexOf(":");
    const hasTag = colon > named.lastIndexOf("/");
    return new ImageRef(
      domain,
      hasTag ? named.slice(0, colon) : named,
      hasTag ? named.slice(colon + 1) : undefined,
      at < 0 ? undefined : remainder.slice(at + 1),
    );
  }

  /** "docker.io/library/alpine": what the API is sent. */
  get name(): string {
    return `${this.domain}/${this.path}`;
  }

  /** "alpine", "me/web", "127.0.0.1:5000/web": the name as docker prints it. */
  get familiarName(): string {
    if (this.domain !== DEFAULT_DOMAIN) return this.name;
    return /^library\/[^/]+$/.test(this.path) ? this.path.slice("library/".length) : this.path;
  }

  /** "alpine:latest" */
  get familiarString(): string {
    return `${this.familiarName}${this.suffix}`;
  }

  /** "docker.io/library/alpine:latest" */
  toString(): string {
    return `${this.name}${this.suffix}`;
  }

  /** reference.TagNameOnly: a name without tag or digest gets `latest`. */
  withDefaultTag(): ImageRef {
    return this.tag === undefined && this.digest === undefined ? new ImageRef(this.domain, this.path, "latest") : this;
  }

  withoutDigest(): ImageRef {
    return new ImageRef(this.domain, this.path, this.tag);
  }

  private get suffix(): string {
    return `${this.tag === undefined ? "" : `:${this.tag}`}${this.digest === undefined ? "" : `@${this.digest}`}`;
  }
}

export const isImageRef = (value: unknown): value is ImageRef => value instanceof ImageRef;

const DEFAULT_DOMAIN = "docker.io";
const COMPONENT = "[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*";
const DOMAIN_COMPONENT = "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])";
const DOMAIN = `(?:${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*|\\[[a-fA-F0-9:]+\\])(?::[0-9]+)?`;
const TAG = "[\\w][\\w.-]{0,127}";
const DIGEST = "[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}";
const REFERENCE = new RegExp(`^((?:${DOMAIN}/)?${COMPONENT}(?:/${COMPONENT})*)(?::(${TAG}))?(?:@(${DIGEST}))?$`);

/** splitDockerDomain: the first part is a registry only if it has a `.` or `:`, is `localhost`, or has capitals. */
function splitDomain(text: string): { domain: string; remainder: string } {
  const slash = text.indexOf("/");
  const first = slash < 0 ? "" : text.slice(0, slash);
  const isRegistry = slash >= 0 && (/[.:]/.test(first) || first === "localhost" || first.toLowerCase() !== first);
  let domain = isRegistry ? first : DEFAULT_DOMAIN;
  const remainder = isRegistry ? text.slice(slash + 1) : text;
  if (domain === "index.docker.io") domain = DEFAULT_DOMAIN;
  const official = domain === DEFAULT_DOMAIN && !remainder.includes("/");
  return { domain, remainder: official ? `library/${remainder}` : remainder };
}

/**
 * A reference as the tutor compares them: `alpine`, `alpine:latest` and `docker.io/library/alpine:latest`
 * are all "alpine:latest". registry-1.docker.io, Docker Hub's own host name, counts as docker.io too.
 */
export function normalizeImageRef(ref: string): string {
  return ImageRef.read(ref.trim().replace(/^registry-1\.docker\.io\//, "docker.io/")).withDefaultTag().familiarString;
}

/** The domain Podman files the images it made itself under (`podman build -t web` makes `localhost/web`). */
const LOCAL_DOMAIN = "localhost";

/**
 * An image name as a daemon reported it, in the form docker prints it, so that nothing past the
 * Docker boundary sees how an engine spells it: Podman reports `docker.io/library/alpine:latest`
 * for docker's `alpine:latest`, and `localhost/web:latest` for an image it built or committed
 * itself, which docker would call `web:latest`. Ids and what docker reports already pass unchanged.
 */
export function familiarImageName(reported: string): string {
  if (reported === "") return reported;
  const local = reported.startsWith(`${LOCAL_DOMAIN}/`);
  const ref = ImageRef.read(local ? reported.slice(LOCAL_DOMAIN.length + 1) : reported);
  return ref.familiarString;
}

/**
 * Where an engine that files its own images under `localhost/` (Podman) keeps `ref`, when `ref`
 * names no registry: `web:1` → `localhost/web:1`. Undefined for a reference with a registry.
 */
export function localImageAlias(ref: string): string | undefined {
  const read = ImageRef.read(ref);
  if (read.domain !== DEFAULT_DOMAIN || ref.startsWith(`${DEFAULT_DOMAIN}/`) || /^[a-f0-9]{12,64}$/.test(ref)) return undefined;
  return `${LOCAL_DOMAIN}/${read.familiarString}`;
}

/** Swarm pins a service's image by digest (`nginx:alpine@sha256:…`); lessons name it without. */
export function withoutDigest(ref: string): string {
  const at = ref.indexOf("@");
  return at === -1 ? ref : ref.slice(0, at);
}

export const sameImageRef = (a: string, b: string): boolean => normalizeImageRef(withoutDigest(a)) === normalizeImageRef(withoutDigest(b));
