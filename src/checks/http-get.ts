import { request as httpRequest } from "node:http";
import { request as httpsRequest } from "node:https";
import type { HttpAnswer } from "./check.js";

export const HTTP_TIMEOUT_MS = 3000;
/** A check reads a page to find a phrase in it; nothing a lesson serves is bigger. */
export const HTTP_BODY_LIMIT = 64 * 1024;

/**
 * A GET from the tutor's side, whole answer within 3 s. Rejects with Node's error (`code`
 * ECONNREFUSED, ENOTFOUND, …) or, when time runs out, an error with `code` ETIMEDOUT.
 */
export function httpGet(url: string): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const request = (url.startsWith("https:") ? httpsRequest : httpRequest)(url, { method: "GET" }, (response) => {
      const chunks: Buffer[] = [];
      let size = 0;
      const finish = () => {
        clearTimeout(timer);
        resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") });
      };
      response.on("data", (chunk: Buffer) => {
        chunks.push(chunk.subarray(0, Math.max(0, HTTP_BODY_LIMIT - size)));
        size += chunk.length;
        if (size >= HTTP_BODY_LIMIT) {
          finish();
          response.destroy();
        }
      });
      response.on("end", finish);
      response.on("error", fail);
    });
    const fail = (error: Error) => {
      clearTimeout(timer);
      reject(error);
    };
    const timer = setTimeout(() => {
      request.destroy(Object.assign(new Error(`${url} did not answer within ${HTTP_TIMEOUT_MS / 1000} s`), { code: "ETIMEDOUT" }));
    }, HTTP_TIMEOUT_MS);
    request.on("error", fail);
    request.end();
  });
}
