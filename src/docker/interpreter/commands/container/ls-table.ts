import { ImageRef, isImageRef } from "../../../image-ref.js";
import { goQuote } from "../../format/go-quote.js";
import { ago, shortId } from "../../format/human-units.js";
import { ellipsis, formatTable } from "../../format/table.js";
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
      options.trunc ? shortId(c.Id) : c.Id,
      imageColumn(c, options.trunc),
      goQuote(options.trunc ? ellipsis(c.Command, 20) : c.Command),
      ago(c.Created, options.now),
      c.Status,
      displayablePorts(c.Ports),
      namesColumn(c.Names, options.trunc),
    ]),
  );
}

/** `docker ps -q`: one id a line. */
export const quietLines = (containers: readonly ContainerListItem[], trunc: boolean): string =>
  containers.map((c) => `${trunc ? shortId(c.Id) : c.Id}\n`).join("");

/** An image given by id shows as the short id; a name loses its digest and "docker.io/library/". */
function imageColumn(c: ContainerListItem, trunc: boolean): string {
  if (c.Image === "") return "<no image>";
  if (!trunc) return c.Image;
  if (shortId(c.ImageID) === shortId(c.Image)) return shortId(c.Image);
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
