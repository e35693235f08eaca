/** What kind of daemon answers, from its `/version`: for the few places where engines truly differ. */

/** Podman's Docker-compatible API names itself among the version's components. */
export function isPodman(version: { readonly Components?: readonly { readonly Name?: string }[] | null }): boolean {
  return (version.Components ?? []).some((component) => component.Name === "Podman Engine");
}
