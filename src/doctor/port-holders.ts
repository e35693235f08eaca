import type { ContainerSummary, ServiceSummary } from "../docker/views.js";

export type PortHolder =
  | { readonly kind: "container"; readonly name: string; readonly image: string }
  | { readonly kind: "service"; readonly name: string }
  | { readonly kind: "process"; readonly command: string; readonly pid: number | undefined }
  /** Something accepts connections on the port, but the tutor cannot see what: `why` says so. */
  | { readonly kind: "unknown"; readonly why: string };

/** Which running container or swarm service publishes a host port (TCP), if any. Pure. */
export function dockerHolderOf(
  port: number,
  containers: readonly ContainerSummary[],
  services: readonly ServiceSummary[],
): PortHolder | undefined {
  const container = containers.find((c) => c.state === "running" && c.ports.some((p) => p.hostPort === port && p.protocol === "tcp"));
  if (container) return { kind: "container", name: container.name, image: container.image };
  const service = services.find((s) => s.ports.some((p) => p.hostPort === port && p.protocol === "tcp"));
  if (service) return { kind: "service", name: service.name };
  return undefined;
}

export function describeHolder(holder: PortHolder): string {
  switch (holder.kind) {
    case "container":
      return `container ${holder.name} (${holder.image})`;
    case "service":
      return `swarm service ${holder.name}`;
    case "process":
      return holder.pid === undefined ? `process ${holder.command}` : `process ${holder.command} (pid ${holder.pid})`;
    case "unknown":
      return `a program the tutor could not name (${holder.why})`;
  }
}

export function freeingAdvice(holder: PortHolder): string {
  switch (holder.kind) {
    case "container":
      return `lessons will offer the next free port; to free it yourself: docker stop ${holder.name}`;
    case "service":
      return `lessons will offer the next free port; to free it yourself: docker service rm ${holder.name}`;
    case "process":
      return "lessons will offer the next free port; or stop that program";
    case "unknown":
      return "lessons will offer the next free port; to see what holds it: lsof -nP -iTCP -sTCP:LISTEN (macOS, Linux) or netstat -ano (Windows)";
  }
}
