import { ImageRef, isImageRef } from "../../../image-ref.js";
import { ago, humanSizeWithPrecision, shortId } from "../../format/human-units.js";
import { formatTable } from "../../format/table.js";

/** One entry of GET /images/json as the daemon sends it, the fields `docker images` prints (views.ts ImageSummary is the tutor's own view). */
export interface ImageListItem {
  readonly Id: string;
  readonly RepoTags: readonly string[] | null;
  readonly RepoDigests: readonly string[] | null;
  readonly Created: number;
  readonly Size: number;
}

/** One line of the table: an image appears once per name. */
interface ImageRow {
  readonly repository: string;
  readonly tag: string;
  readonly id: string;
  readonly created: number;
  readonly size: number;
}

/**
 * One row per repository:tag, as docker/cli's image formatter expands a summary: an image with no name is
 * `<none> <none>`, and a repository known only by digest gets a `<none>` tag.
 */
export function imageRows(summaries: readonly ImageListItem[]): ImageRow[] {
  return summaries.flatMap((image) =>
    namesOf(image).map(({ repository, tag }) => ({ repository, tag, id: image.Id, created: image.Created, size: image.Size })),
  );
}

function namesOf(image: ImageListItem): { repository: string; tag: string }[] {
  const tags = (image.RepoTags ?? []).filter((name) => name !== "<none>:<none>");
  const digests = (image.RepoDigests ?? []).filter((name) => name !== "<none>@<none>");
  if (tags.length === 0 && digests.length === 0) return [{ repository: "<none>", tag: "<none>" }];
  const rows: { repository: string; tag: string }[] = [];
  for (const name of tags) {
    const ref = ImageRef.parse(name);
    if (isImageRef(ref) && ref.tag !== undefined) rows.push({ repository: ref.familiarName, tag: ref.tag });
  }
  const tagged = new Set(rows.map((row) => row.repository));
  for (const name of digests) {
    const ref = ImageRef.parse(name);
    if (!isImageRef(ref) || tagged.has(ref.familiarName)) continue;
    tagged.add(ref.familiarName);
    rows.push({ repository: ref.familiarName, tag: "<none>" });
  }
  return rows;
}

export function imagesTable(rows: readonly ImageRow[], nowMs: number, noTrunc: boolean): string {
  return formatTable(
    ["REPOSITORY", "TAG", "IMAGE ID", "CREATED", "SIZE"],
    rows.map((row) => [
      row.repository,
      row.tag,
      noTrunc ? row.id : shortId(row.id),
      ago(row.created, nowMs),
      humanSizeWithPrecision(row.size, 3),
    ]),
  );
}

/** `docker images -q`: one id per row, so an image with two tags is listed twice. */
export const imageIds = (rows: readonly ImageRow[], noTrunc: boolean): string =>
  rows.map((row) => `${noTrunc ? row.id : shortId(row.id)}\n`).join("");
