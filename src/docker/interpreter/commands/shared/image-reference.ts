/**
 * Image references as the docker CLI parses them (github.com/distribution/reference
 * ParseNormalizedNamed): `alpine` is docker.io/library/alpine, `127.0.0.1:5000/web:1` names its registry.
 */
export interface ImageReference {
  /** "docker.io", "127.0.0.1:5000"… */
  readonly domain: string;
  /** "library/alpine", "me/web"… */
  readonly path: string;
  readonly tag?: string;
  readonly digest?: string;
}

const DEFAULT_DOMAIN = "docker.io";
const COMPONENT = "[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*";
const DOMAIN_COMPONENT = "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])";
const DOMAIN = `(?:${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*|\\[[a-fA-F0-9:]+\\])(?::[0-9]+)?`;
const TAG = "[\\w][\\w.-]{0,127}";
const DIGEST = "[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}";
const REFERENCE = new RegExp(`^((?:${DOMAIN}/)?${COMPONENT}(?:/${COMPONENT})*)(?::(${TAG}))?(?:@(${DIGEST}))?$`);

/** The reference, or the CLI's words for why it is not one. */
export function parseImageReference(text: string): ImageReference | { readonly problem: string } {
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
  return { domain, path: name.slice(domain.length + 1), ...(tag ? { tag } : {}), ...(digest ? { digest } : {}) };
}

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

export const isReference = (value: ImageReference | { readonly problem: string }): value is ImageReference => "path" in value;

/** "docker.io/library/alpine" */
export const fullName = (ref: ImageReference): string => `${ref.domain}/${ref.path}`;

/** "alpine", "me/web", "127.0.0.1:5000/web": the name as docker prints it. */
export function familiarName(ref: ImageReference): string {
  if (ref.domain !== DEFAULT_DOMAIN) return fullName(ref);
  const official = ref.path.startsWith("library/") && ref.path.split("/").length === 2;
  return official ? ref.path.slice("library/".length) : ref.path;
}

/** reference.TagNameOnly: a name without tag or digest gets `latest`. */
export const withDefaultTag = (ref: ImageReference): ImageReference =>
  ref.tag === undefined && ref.digest === undefined ? { ...ref, tag: "latest" } : ref;

const suffix = (ref: ImageReference): string => `${ref.tag ? `:${ref.tag}` : ""}${ref.digest ? `@${ref.digest}` : ""}`;

/** "docker.io/library/alpine:latest" */
export const fullString = (ref: ImageReference): string => `${fullName(ref)}${suffix(ref)}`;

/** "alpine:latest" */
export const familiarString = (ref: ImageReference): string => `${familiarName(ref)}${suffix(ref)}`;
