import type { EngineCall } from "../../engine-call.js";
import { filtersJson } from "../shared/filters.js";
import { NAMESPACE_LABEL } from "./compose-file.js";

/** `{"label":{"com.docker.stack.namespace=demo":true}}`: how the CLI finds a stack's objects. */
export const stackFilter = (stack: string): Record<string, string[]> => ({ label: [`${NAMESPACE_LABEL}=${stack}`] });

export const stackObjectsCall = (kind: "networks" | "services" | "secrets" | "configs", stack: string, why: string): EngineCall => ({
  method: "GET",
  path: `/${kind}`,
  query: { filters: filtersJson(stackFilter(stack)) },
  why,
  notes: [`a stack is only a label: ${NAMESPACE_LABEL}=${stack} on each object it made`],
});
