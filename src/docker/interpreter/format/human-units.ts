/**
 * Sizes and ages as the docker CLI prints them (github.com/docker/go-units): "1.99MB", "6.656kB",
 * "About a minute", "3 weeks".
 */
const DECIMAL_UNITS = ["B", "kB", "MB", "GB", "TB", "PB", "EB", "ZB", "YB"];

/** units.HumanSizeWithPrecision: decimal units, `precision` significant digits (%.Ng). */
export function humanSizeWithPrecision(bytes: number, precision: number): string {
  let size = bytes;
  let unit = 0;
  while (size >= 1000 && unit < DECIMAL_UNITS.length - 1) {
    size /= 1000;
    unit++;
  }
  return `${formatG(size, precision)}${DECIMAL_UNITS[unit]}`;
}

/** units.HumanSize: four significant digits, as in "Sending build context to Docker daemon  6.656kB". */
export const humanSize = (bytes: number): string => humanSizeWithPrecision(bytes, 4);

/** Go's %.Ng: at most N significant digits, trailing zeros dropped, exponent as `e+03`. */
export function formatG(value: number, precision: number): string {
  if (value === 0) return "0";
  const [mantissa = "", exponent] = value.toPrecision(precision).split("e");
  const trimmed = mantissa.includes(".") ? mantissa.replace(/\.?0+$/, "") : mantissa;
  if (exponent === undefined) return trimmed;
  const sign = exponent.startsWith("-") ? "-" : "+";
  return `${trimmed}e${sign}${exponent.replace(/^[+-]/, "").padStart(2, "0")}`;
}

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

/** units.HumanDuration. */
export function humanDuration(milliseconds: number): string {
  const seconds = Math.trunc(milliseconds / SECOND);
  if (seconds < 1) return "Less than a second";
  if (seconds === 1) return "1 second";
  if (seconds < 60) return `${seconds} seconds`;
  const minutes = Math.trunc(milliseconds / MINUTE);
  if (minutes === 1) return "About a minute";
  if (minutes < 60) return `${minutes} minutes`;
  const hours = Math.round(milliseconds / HOUR);
  if (hours === 1) return "About an hour";
  if (hours < 48) return `${hours} hours`;
  if (hours < 24 * 7 * 2) return `${Math.trunc(hours / 24)} days`;
  if (hours < 24 * 30 * 2) return `${Math.trunc(hours / 24 / 7)} weeks`;
  if (hours < 24 * 365 * 2) return `${Math.trunc(hours / 24 / 30)} months`;
  return `${Math.trunc(milliseconds / HOUR / 24 / 365)} years`;
}

/** "2 minutes ago", from a Unix time in seconds (the API's `Created`). */
export const ago = (createdSeconds: number, nowMs: number): string => `${humanDuration(nowMs - createdSeconds * SECOND)} ago`;

/** stringid.TruncateID: the id without "sha256:", cut to 12 characters. */
export function shortId(id: string): string {
  const bare = id.includes(":") ? id.slice(id.indexOf(":") + 1) : id;
  return bare.slice(0, 12);
}
