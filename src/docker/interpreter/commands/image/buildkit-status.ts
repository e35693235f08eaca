/**
 * BuildKit's progress, as the daemon streams it for a `version=2` build: JSON lines with
 * `{"id":"moby.buildkit.trace","aux":"<base64>"}`, each aux a protobuf `moby.buildkit.v1.StatusResponse`
 * (buildkit api/services/control/control.proto). Only the fields the CLI's plain progress shows are decoded;
 * a small wire-format reader keeps protobufjs and its schema loading out of the interpreter.
 */

export interface BuildVertex {
  readonly digest: string;
  readonly name: string;
  readonly cached: boolean;
  /** Seconds since the epoch, when known. */
  readonly started?: number;
  readonly completed?: number;
  readonly error?: string;
}

export interface BuildVertexStatus {
  readonly id: string;
  readonly vertex: string;
  readonly name: string;
  readonly current: number;
  readonly total: number;
  readonly started?: number;
  readonly completed?: number;
}

export interface BuildVertexLog {
  readonly vertex: string;
  readonly timestamp?: number;
  readonly stream: number;
  readonly message: Buffer;
}

export interface BuildWarning {
  readonly vertex: string;
  readonly short: string;
}

export interface BuildStatus {
  readonly vertexes: readonly BuildVertex[];
  readonly statuses: readonly BuildVertexStatus[];
  readonly logs: readonly BuildVertexLog[];
  readonly warnings: readonly BuildWarning[];
}

export const BUILDKIT_TRACE_ID = "moby.buildkit.trace";

export function decodeBuildStatus(base64: string): BuildStatus {
  const vertexes: BuildVertex[] = [];
  const statuses: BuildVertexStatus[] = [];
  const logs: BuildVertexLog[] = [];
  const warnings: BuildWarning[] = [];
  for (const field of fields(Buffer.from(base64, "base64"))) {
    if (!Buffer.isBuffer(field.value)) continue;
    if (field.number === 1) vertexes.push(vertexOf(field.value));
    else if (field.number === 2) statuses.push(statusOf(field.value));
    else if (field.number === 3) logs.push(logOf(field.value));
    else if (field.number === 4) warnings.push(warningOf(field.value));
  }
  return { vertexes, statuses, logs, warnings };
}

function vertexOf(bytes: Buffer): BuildVertex {
  let digest = "";
  let name = "";
  let cached = false;
  let started: number | undefined;
  let completed: number | undefined;
  let error: string | undefined;
  for (const { number, value } of fields(bytes)) {
    if (number === 1) digest = text(value);
    else if (number === 3) name = text(value);
    else if (number === 4) cached = value === 1n;
    else if (number === 5) started = timestampOf(value);
    else if (number === 6) completed = timestampOf(value);
    else if (number === 7) error = text(value);
  }
  return {
    ...{ digest, name, cached },
    ...(started !== undefined ? { started } : {}),
    ...(completed !== undefined ? { completed } : {}),
    ...(error ? { error } : {}),
  };
}

function statusOf(bytes: Buffer): BuildVertexStatus {
  let id = "";
  let vertex = "";
  let name = "";
  let current = 0;
  let total = 0;
  let started: number | undefined;
  let completed: number | undefined;
  for (const { number, value } of fields(bytes)) {
    if (number === 1) id = text(value);
    else if (number === 2) vertex = text(value);
    else if (number === 3) name = text(value);
    else if (number === 4) current = Number(value);
    else if (number === 5) total = Number(value);
    else if (number === 7) started = timestampOf(value);
    else if (number === 8) completed = timestampOf(value);
  }
  return {
    ...{ id, vertex, name, current, total },
    ...(started !== undefined ? { started } : {}),
    ...(completed !== undefined ? { completed } : {}),
  };
}

function logOf(bytes: Buffer): BuildVertexLog {
  let vertex = "";
  let timestamp: number | undefined;
  let stream = 0;
  let message: Buffer = Buffer.alloc(0);
  for (const { number, value } of fields(bytes)) {
    if (number === 1) vertex = text(value);
    else if (number === 2) timestamp = timestampOf(value);
    else if (number === 3) stream = Number(value);
    else if (number === 4 && Buffer.isBuffer(value)) message = value;
  }
  return { vertex, stream, message, ...(timestamp !== undefined ? { timestamp } : {}) };
}

function warningOf(bytes: Buffer): BuildWarning {
  let vertex = "";
  let short = "";
  for (const { number, value } of fields(bytes)) {
    if (number === 1) vertex = text(value);
    else if (number === 3) short = text(value);
  }
  return { vertex, short };
}

function timestampOf(value: Buffer | bigint): number | undefined {
  if (!Buffer.isBuffer(value)) return undefined;
  let seconds = 0n;
  let nanos = 0n;
  for (const field of fields(value)) {
    if (field.number === 1 && typeof field.value === "bigint") seconds = field.value;
    else if (field.number === 2 && typeof field.value === "bigint") nanos = field.value;
  }
  return Number(seconds) + Number(nanos) / 1e9;
}

const text = (value: Buffer | bigint): string => (Buffer.isBuffer(value) ? value.toString("utf8") : "");

interface Field {
  readonly number: number;
  /** A varint as a bigint, a length-delimited field as its bytes; fixed-width fields are skipped. */
  readonly value: Buffer | bigint;
}

/** The fields of one protobuf message, in order (proto3 wire format). */
function* fields(bytes: Buffer): Generator<Field> {
  let at = 0;
  const varint = (): bigint => {
    let result = 0n;
    let shift = 0n;
    for (;;) {
      if (at >= bytes.length) throw new Error("truncated BuildKit status message");
      const byte = bytes[at++] ?? 0;
      result |= BigInt(byte & 0x7f) << shift;
      if ((byte & 0x80) === 0) return result;
      shift += 7n;
    }
  };
  while (at < bytes.length) {
    const key = Number(varint());
    const number = key >>> 3;
    const wireType = key & 7;
    if (wireType === 0) yield { number, value: varint() };
    else if (wireType === 2) {
      const length = Number(varint());
      if (at + length > bytes.length) throw new Error("truncated BuildKit status message");
      yield { number, value: bytes.subarray(at, at + length) };
      at += length;
    } else if (wireType === 1) at += 8;
    else if (wireType === 5) at += 4;
    else throw new Error(`unsupported protobuf wire type ${wireType} in a BuildKit status message`);
  }
}
