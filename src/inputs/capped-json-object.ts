import { z } from "zod";
import { exceedsJsonDepth } from "./json-depth";
import { LIMITS } from "../limits";

/**
 * A JSON object whose nesting and serialized size are capped, since D1 rows and KV entries carry it whole.
 * Depth is checked first: JSON.stringify recurses, and a value thousands of levels deep would overflow it.
 */
export const cappedJsonObject = (field: string, maxBytes: number) =>
  z.record(z.string(), z.unknown()).superRefine((value, issues) => {
    if (exceedsJsonDepth(value, LIMITS.jsonDepth)) {
      issues.addIssue({ code: "custom", message: `${field} must nest objects and arrays at most ${LIMITS.jsonDepth} levels deep` });
    } else if (new TextEncoder().encode(JSON.stringify(value)).byteLength > maxBytes) {
      issues.addIssue({ code: "custom", message: `${field} must serialize to at most ${maxBytes} bytes of JSON` });
    }
  });
