import { isMap, isScalar, LineCounter, parseDocument, type Document, type Node } from "yaml";
import type { z } from "zod";
import type { ConfigProblem } from "./config-problem";
import { defaultRepositoryConfig, repositoryConfigSchema, type RepositoryConfig } from "./repository-config";

type Path = (string | number)[];

/** The YAML node at `path` (the key node when `key` is set), for its position in the file. */
function nodeAt(document: Document, path: Path, key = false): Node | undefined {
  let node: unknown = document.contents;
  for (let i = 0; i < path.length; i++) {
    if (!isMap(node)) return undefined;
    const pair = node.items.find((item) => isScalar(item.key) && String(item.key.value) === String(path[i]));
    if (!pair) return undefined;
    node = key && i === path.length - 1 ? pair.key : pair.value;
  }
  return node as Node | undefined;
}

function located(document: Document, counter: LineCounter, path: Path, message: string, key = false): ConfigProblem {
  const node = nodeAt(document, path, key) ?? nodeAt(document, path.slice(0, -1));
  const offset = node?.range?.[0];
  const position = offset === undefined ? undefined : counter.linePos(offset);
  return { message, path: path.join("."), line: position?.line, column: position?.col };
}

function deleteAt(target: unknown, path: Path): void {
  let node = target as Record<string | number, unknown> | undefined;
  for (const segment of path.slice(0, -1)) node = node?.[segment] as Record<string | number, unknown> | undefined;
  if (node && typeof node === "object" && path.length > 0) delete node[path[path.length - 1]!];
}

/** Zod's issue in words a repository owner can act on. */
function explain(issue: z.core.$ZodIssue): string {
  if (issue.code === "invalid_value") return `expected one of ${issue.values.map((value) => String(value)).join(", ")}`;
  if (issue.code === "invalid_type") return `expected ${issue.expected}`;
  if (issue.code === "too_small") return `must be at least ${String(issue.minimum)}`;
  if (issue.code === "too_big") return `must be at most ${String(issue.maximum)}`;
  return issue.message;
}

/**
 * Reads `.github/chittyconnect.yml`. Never throws: YAML errors, unknown keys and invalid values each become
 * a problem with its place in the file, and the affected setting falls back to its default.
 */
export function parseRepositoryConfig(text: string | null): { config: RepositoryConfig; problems: ConfigProblem[] } {
  if (text === null || text.trim() === "") return { config: defaultRepositoryConfig(), problems: [] };
  const counter = new LineCounter();
  const document = parseDocument(text, { lineCounter: counter, prettyErrors: true, uniqueKeys: true });
  if (document.errors.length > 0) {
    const problems = document.errors.map((error) => ({
      message: `not valid YAML: ${error.message.split("\n")[0]}`,
      path: "",
      line: error.linePos?.[0].line,
      column: error.linePos?.[0].col,
    }));
    return { config: defaultRepositoryConfig(), problems };
  }
  let raw: unknown = document.toJS();
  if (raw === null || raw === undefined) return { config: defaultRepositoryConfig(), problems: [] };
  if (typeof raw !== "object" || Array.isArray(raw)) {
    return { config: defaultRepositoryConfig(), problems: [located(document, counter, [], "the file must be a mapping of sections (review, triage, commands)")] };
  }
  const problems: ConfigProblem[] = [];
  // Drop each invalid or unknown setting and parse again, so one mistake costs one setting, not the file.
  for (let attempt = 0; attempt < 20; attempt++) {
    const result = repositoryConfigSchema.safeParse(raw);
    if (result.success) return { config: result.data, problems };
    for (const issue of result.error.issues) {
      if (issue.code === "unrecognized_keys") {
        for (const key of issue.keys) {
          problems.push(located(document, counter, [...issue.path, key] as Path, `unknown setting \`${key}\` is ignored`, true));
          deleteAt(raw, [...issue.path, key] as Path);
        }
        continue;
      }
      const path = issue.path as Path;
      problems.push(located(document, counter, path, `${explain(issue)}; the default is used`));
      if (path.length === 0) raw = {};
      else deleteAt(raw, path);
    }
  }
  return { config: defaultRepositoryConfig(), problems };
}
