import { z } from "zod";

/** A JSON object whose serialized size is capped, since D1 rows and KV entries carry it whole. */
export const cappedJsonObject = (field: string, maxBytes: number) =>
  z
    .record(z.string(), z.unknown())
    .refine((value) => new TextEncoder().encode(JSON.stringify(value)).byteLength <= maxBytes, {
      message: `${field} must serialize to at most ${maxBytes} bytes of JSON`,
    });
