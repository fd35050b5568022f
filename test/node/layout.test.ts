import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const SRC = path.resolve(import.meta.dirname, "../../src");

/**
 * Each folder (or top-level file) of src/ and the layers it may import values from; `import type` is free, as in
 * webhooks.js's middleware. The order is the dependency direction of docs/design.md's diagram, lowest first.
 */
const LAYERS: Record<string, readonly string[]> = {
  base: [],
  // src/db/schema.ts: the tables, and the enum lists their columns use.
  tables: ["base"],
  db: ["base", "tables"],
  ecosystem: ["base", "tables", "db"],
  github: ["base"],
  auth: ["base", "tables", "db", "ecosystem"],
  // Input schemas name the capabilities and services they accept from the lists that define them.
  inputs: ["base", "auth", "ecosystem"],
  cache: ["base", "tables", "db"],
  deliveries: ["base", "tables", "db"],
  intelligence: ["base", "github"],
  // The shared poller and feed plumbing: D1 reads and credential states, beneath the resolvers that open feeds.
  subscriptions: ["base", "tables", "db", "auth"],
  resolvers: ["base", "tables", "db", "ecosystem", "github", "inputs", "cache", "deliveries", "auth", "intelligence", "subscriptions"],
  graphql: ["base", "auth", "subscriptions"],
  // The GraphQL and REST surfaces read enum lists from the tables file, and never call drizzle (checked below).
  schema: ["base", "tables", "inputs", "deliveries", "auth", "resolvers"],
  rest: ["base", "tables", "inputs", "deliveries", "resolvers"],
  webhooks: ["base", "deliveries", "auth"],
  "github-app": ["base", "tables", "db", "github", "auth", "resolvers"],
  // Handlers validate GitHub's wire shapes with the zod schemas src/github parses REST answers with: data, not calls.
  queue: ["base", "tables", "db", "ecosystem", "github", "deliveries", "resolvers", "intelligence"],
  top: ["*"],
};

/** Top-level files every layer builds on: errors, limits, and the request context's and Hono's types. */
const BASE_FILES = new Set(["errors.ts", "limits.ts", "context.ts", "app-env.ts"]);

function layerOf(file: string): string {
  const relative = path.relative(SRC, file);
  const [first] = relative.split(path.sep);
  if (relative === first) return BASE_FILES.has(first!) ? "base" : "top";
  if (relative === path.join("db", "schema.ts")) return "tables";
  if (first === "graphiql" || first === "dashboard") return "top";
  return first!;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? sourceFiles(full) : name.endsWith(".ts") ? [full] : [];
  });
}

/** The src files a file imports values from (type-only imports and exports are left out). */
function valueImports(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.Latest, true);
  const targets: string[] = [];
  for (const node of source.statements) {
    let specifier: ts.Expression | undefined;
    if (ts.isImportDeclaration(node)) {
      const clause = node.importClause;
      const typeOnly = clause?.isTypeOnly || (clause && !clause.name && clause.namedBindings && ts.isNamedImports(clause.namedBindings) && clause.namedBindings.elements.every((e) => e.isTypeOnly));
      if (!typeOnly) specifier = node.moduleSpecifier;
    } else if (ts.isExportDeclaration(node) && !node.isTypeOnly) specifier = node.moduleSpecifier;
    if (specifier && ts.isStringLiteral(specifier) && specifier.text.startsWith(".")) {
      const resolved = path.resolve(path.dirname(file), specifier.text);
      targets.push(resolved.endsWith(".ts") || resolved.endsWith(".json") ? resolved : `${resolved}.ts`);
    }
  }
  return targets.filter((t) => t.startsWith(SRC + path.sep));
}

describe("the layout of src/", () => {
  const files = sourceFiles(SRC);

  it("places every file in a known layer", () => {
    expect(files.map(layerOf).filter((layer) => !(layer in LAYERS))).toEqual([]);
  });

  it("imports values only downward: db, ecosystem and github import nothing above them; resolvers never import schema, rest or webhooks", () => {
    const violations = files.flatMap((file) => {
      const from = layerOf(file);
      const allowed = LAYERS[from] ?? [];
      return valueImports(file)
        .map((target) => ({ target, to: layerOf(target) }))
        .filter(({ to }) => to !== from && !allowed.includes("*") && !allowed.includes(to))
        .map(({ target, to }) => `${path.relative(SRC, file)} (${from}) imports ${path.relative(SRC, target)} (${to})`);
    });
    expect(violations).toEqual([]);
  });

  it("keeps drizzle and octokit out of the GraphQL schema and the REST shims: they call resolvers", () => {
    const direct = files
      .filter((file) => ["schema", "rest"].includes(layerOf(file)))
      .filter((file) => /from "(drizzle-orm|@octokit\/[^"]+)"/.test(readFileSync(file, "utf8")))
      .map((file) => path.relative(SRC, file));
    expect(direct).toEqual([]);
  });

  it("has no import cycles outside schema/ (GraphQL types refer to each other by design)", () => {
    const graph = new Map(files.map((file) => [file, valueImports(file).filter((t) => layerOf(t) !== "schema")]));
    const cycles: string[] = [];
    const state = new Map<string, "open" | "done">();
    const visit = (file: string, trail: string[]) => {
      if (state.get(file) === "done") return;
      if (state.get(file) === "open") {
        cycles.push([...trail.slice(trail.indexOf(file)), file].map((f) => path.relative(SRC, f)).join(" -> "));
        return;
      }
      state.set(file, "open");
      for (const next of graph.get(file) ?? []) visit(next, [...trail, file]);
      state.set(file, "done");
    };
    for (const file of files) if (layerOf(file) !== "schema") visit(file, []);
    expect(cycles).toEqual([]);
  });

  it("fails on an upward import, so the check above can fail", () => {
    const fake = path.join(SRC, "db", "client.ts");
    expect(LAYERS[layerOf(fake)]).not.toContain(layerOf(path.join(SRC, "resolvers", "context.ts")));
  });
});
