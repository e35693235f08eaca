import { defineInspectCommand } from "../shared/inspect-command.js";
import { serviceInspectCall } from "./service-calls.js";

const why = "read the service: its spec (image, mode, replicas, networks, ports) and the endpoint the swarm gave it";

/** With the swarm's defaults filled in, as `docker service inspect` shows them. */
export const serviceInspectCommand = defineInspectCommand({
  path: ["service", "inspect"],
  noun: "a service",
  call: (service) => serviceInspectCall(service, why, true),
  pretty: true,
});
