import { z } from "zod";

export interface AnswerField<T extends z.ZodType = z.ZodType> {
  /** Alternative names of the field, in order of preference. */
  names: readonly string[];
  schema: T;
}

type Read<S extends Record<string, AnswerField>> = { [K in keyof S]: z.output<S[K]["schema"]> };

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/**
 * The ChittyOS services disagree on field names and on whether the answer sits under `data`
 * (the issue's table lists the variants). Each field is read from the first of its names present at the
 * top level, else under `data`, and then checked with its schema.
 */
export function tolerantAnswer<S extends Record<string, AnswerField>>(fields: S): z.ZodType<Read<S>> {
  return z.unknown().transform((raw, ctx) => {
    if (!isObject(raw)) {
      ctx.issues.push({ code: "custom", message: "expected a JSON object", input: raw });
      return z.NEVER;
    }
    const scopes = isObject(raw.data) ? [raw, raw.data] : [raw];
    const result: Record<string, unknown> = {};
    for (const [key, field] of Object.entries(fields)) {
      const value = pick(scopes, field.names);
      const parsed = field.schema.safeParse(value);
      if (!parsed.success) {
        ctx.issues.push({ code: "custom", message: `${describe(field.names)}: ${parsed.error.issues[0]?.message ?? "invalid"}`, input: value });
        continue;
      }
      result[key] = parsed.data;
    }
    return ctx.issues.length ? z.NEVER : (result as Read<S>);
  });
}

/** The first of `names` present at the top level, else under `data`. */
export function pick(scopes: Record<string, unknown>[], names: readonly string[]): unknown {
  for (const scope of scopes) {
    for (const name of names) if (scope[name] !== undefined && scope[name] !== null) return scope[name];
  }
  return undefined;
}

/** "a, b or c" (at the top level or under data) */
function describe(names: readonly string[]): string {
  const list = names.length > 1 ? `${names.slice(0, -1).join(", ")} or ${names.at(-1)}` : (names[0] ?? "");
  return `${list} (at the top level or under data)`;
}
