/**
 * How Go's text/template prints a value of the typed inspect structs (fmt's %v): a slice as
 * `[a b]`, a map as `map[k:v]` (keys sorted), a struct as `{v1 v2}`, a nil pointer as `<nil>`.
 * From the JSON alone a map and a struct look alike, and so do nil slices, maps and pointers: the
 * field names below tell them apart. Values nested deeper than that are refused with `{{json}}`.
 */
const MAP_FIELDS = new Set([
  "Labels",
  "ExposedPorts",
  "Volumes",
  "Ports",
  "PortBindings",
  "Networks",
  "Options",
  "DriverOpts",
  "Sysctls",
  "StorageOpt",
  "Tmpfs",
  "Data",
]);
const SLICE_FIELDS = new Set([
  "Cmd",
  "Entrypoint",
  "Env",
  "Binds",
  "Mounts",
  "Links",
  "Dns",
  "DnsOptions",
  "DnsSearch",
  "ExtraHosts",
  "CapAdd",
  "CapDrop",
  "GroupAdd",
  "SecurityOpt",
  "Devices",
  "Ulimits",
  "Args",
  "OnBuild",
  "Shell",
  "Aliases",
  "DNSNames",
  "MaskedPaths",
  "ReadonlyPaths",
  "VolumesFrom",
  "ConsoleSize",
  "DeviceRequests",
  "DeviceCgroupRules",
  "BlkioWeightDevice",
  "BlkioDeviceReadBps",
  "BlkioDeviceWriteBps",
  "BlkioDeviceReadIOps",
  "BlkioDeviceWriteIOps",
  "RepoTags",
  "RepoDigests",
  "Layers",
  "Log",
]);

export class UnprintableValue extends Error {}

/** `path` is the field chain that led here, e.g. ["HostConfig", "LogConfig", "Config"]. */
export function formatGoValue(value: unknown, path: readonly string[]): string {
  const field = path.at(-1) ?? "";
  const isMap = MAP_FIELDS.has(field) || path.slice(-2).join(".") === "LogConfig.Config";
  if (value === null || value === undefined) return isMap ? "map[]" : SLICE_FIELDS.has(field) ? "[]" : "<nil>";
  if (typeof value !== "object") return String(value);
  if (Array.isArray(value)) return `[${value.map((item) => formatGoValue(item, [...path, "[]"])).join(" ")}]`;
  const entries = Object.entries(value as Record<string, unknown>);
  if (isMap) {
    const sorted = entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `map[${sorted.map(([key, item]) => `${key}:${formatGoValue(item, [...path, key])}`).join(" ")}]`;
  }
  // A struct prints its fields' values in order; one holding another struct (or a pointer, which
  // Go prints as an address) is beyond what the JSON can show faithfully.
  if (entries.some(([, item]) => typeof item === "object" && item !== null && !Array.isArray(item))) {
    throw new UnprintableValue(path.join("."));
  }
  return `{${entries.map(([key, item]) => formatGoValue(item, [...path, key])).join(" ")}}`;
}
