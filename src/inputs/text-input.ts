import { z } from "zod";

// \p{Cc}: C0 and C1 control characters, NUL included. Multi-line text keeps tab, line feed and carriage return.
const CONTROL = /\p{Cc}/u;
const CONTROL_BUT_LINES = /[^\P{Cc}\t\n\r]/u;
// Bidirectional embeddings, overrides and isolates: they make a name read differently from what it is ("Trojan Source").
const BIDI_CONTROL = /[\u202A-\u202E\u2066-\u2069]/u;
// Zero-width characters: a name made only of these (and spaces) looks empty.
const INVISIBLE = /[\s\u200B-\u200D\u2060\uFEFF]/gu;

/** Single-line text (queries, labels): no control characters at all. */
export const singleLineText = (field: string) => z.string().refine((v) => !CONTROL.test(v), { message: `${field} must not contain control characters` });

/** Free text (descriptions): tabs and line breaks allowed, other control characters (NUL included) refused. */
export const multiLineText = (field: string) =>
  z.string().refine((v) => !CONTROL_BUT_LINES.test(v), { message: `${field} must not contain control characters other than tabs and line breaks` });

/** A name people read: single-line, trimmed, no bidirectional controls, and something visible in it. */
export const displayNameText = (field: string, maxLength: number) =>
  z
    .string()
    .trim()
    .min(1, `${field} must not be empty`)
    .max(maxLength, `${field} must be at most ${maxLength} characters`)
    .refine((v) => !CONTROL.test(v), { message: `${field} must not contain control characters` })
    .refine((v) => !BIDI_CONTROL.test(v), { message: `${field} must not contain bidirectional override or isolate characters` })
    .refine((v) => v.replace(INVISIBLE, "").length > 0, { message: `${field} must contain visible characters` });
