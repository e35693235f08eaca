import { ImageRef, isImageRef } from "../../../image-ref.js";
import { goQuote } from "../../format/go-quote.js";
import { humanDuration } from "../../format/human-units.js";
import { formatTable } from "../../format/table.js";
import { displayablePorts, type PortSummary } from "./displayable-ports.js";

/** One entry of GET /containers/json as the daemon sends it, the fields `docker ps` prints (views.ts ContainerSummary is the tutor's own view). */
export interface ContainerListItem {
  readonly Id: string;
  readonly Names: readonly string[];
  readonly Image: string;
  readonly ImageID: string;
  readonly Command: string;
  /** Unix seconds. */
  readonly Created: number;
  readonly Status: string;
  readonly Ports: readonly PortSummary[];
}

const HEADER = ["CONTAINER ID", "IMAGE", "COMMAND", "CREATED", "STATUS", "PORTS", "NAMES"];

/** `docker ps`'s default table (docker/cli formatter/container.go), `now` in milliseconds. */
export function containerTable(containers: readonly ContainerListItem[], options: { trunc: boolean; now: number }): string {
  return formatTable(
    HEADER,
    containers.map((c) => [
      options.trunc ? truncateId(c.Id) : c.Id,
      imageColumn(c, options.trunc),
      goQuote(options.trunc ? ellipsis(c.Command, 20) : c.Command),
      `${humanDuration(options.now - c.Created * 1000)} ago`,
      c.Status,
      displayablePorts(c.Ports),
      namesColumn(c.Names, options.trunc),
    ]),
  );
}

/** `docker ps -q`: one id a line. */
export const quietLines = (containers: readonly ContainerListItem[], trunc: boolean): string =>
  containers.map((c) => `${trunc ? truncateId(c.Id) : c.Id}\n`).join("");

/** stringid.TruncateID: drop an algorithm prefix, keep 12 characters. */
export function truncateId(id: string): string {
  const colon = id.indexOf(":");
  return (colon < 0 ? id : id.slice(colon + 1)).slice(0, 12);
}

/** formatter.Ellipsis for plain text: cut to `width` characters, the last one "…". */
export function ellipsis(text: string, width: number): string {
  const chars = [...text];
  return chars.length <= width ? text : `${chars.slice(0, width - 1).join("")}…`;
}

/** An image given by id shows as the short id; a name loses its digest and "docker.io/library/". */
function imageColumn(c: ContainerListItem, trunc: boolean): string {
  if (c.Image === "") return "<no image>";
  if (!trunc) return c.Image;
  if (truncateId(c.ImageID) === truncateId(c.Image)) return truncateId(c.Image);
  const ref = ImageRef.parse(c.Image);
  if (!isImageRef(ref)) return c.Image;
  return ref.withoutDigest().familiarString;
}

/** Names come with a leading "/"; truncated, only the first that is not a legacy link name. */
function namesColumn(names: readonly string[], trunc: boolean): string {
  const plain = names.map((name) => name.replace(/^\//, ""));
  if (!trunc) return plain.join(",");
  return plain.find((name) => !name.includes("/")) ?? "";
}
