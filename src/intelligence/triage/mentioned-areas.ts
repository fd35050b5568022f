import { tokenize } from "./tokenize";

/** Paths written in an issue, and repository folders the issue talks about by name. */
export interface MentionedAreas {
  /** Paths as the repository knows them, e.g. `src/auth/session.ts`. */
  paths: string[];
  /** Folders whose name the issue uses as a word ("the webhook handler" → `src/webhooks`), with that word. */
  folders: { folder: string; word: string }[];
}

const PATH = /(?:^|[\s`'"([])(\.{0,2}\/?(?:[\w@.-]+\/)+[\w@.-]+)/g;
const FILE_NAME = /\b[\w-]+\.(?:[cm]?[jt]sx?|py|go|rs|rb|java|kt|cs|php|md|json|ya?ml|toml|sql|css|scss|html|vue|svelte|swift|c|cc|cpp|h|sh)\b/g;
// Folder names every repository has say nothing about which part of the code an issue concerns.
const GENERIC = new Set(["src", "lib", "app", "apps", "packages", "package", "pkg", "internal", "cmd", "test", "tests", "spec", "specs", "index", "main", "source", "sources", "core", "common", "utils", "util", "scripts", "dist", "build", "github"]);

/** Finds known paths and folders an issue refers to; `knownPaths` are paths the repository is known to have. */
export function findMentionedAreas(text: string, knownPaths: readonly string[]): MentionedAreas {
  const withoutUrls = text.replace(/\bhttps?:\/\/\S+/g, " ");
  const written = new Set<string>();
  for (const m of withoutUrls.matchAll(PATH)) written.add(clean(m[1] ?? ""));
  const fileNames = new Set([...withoutUrls.matchAll(FILE_NAME)].map((m) => m[0]));
  const paths = new Set<string>([...written].filter((p) => p.includes("/")));
  for (const known of knownPaths) {
    const name = known.split("/").pop() ?? "";
    if (fileNames.has(name) || [...written].some((w) => known === w || known.endsWith(`/${w}`))) paths.add(known);
  }
  const words = new Set(tokenize(withoutUrls));
  const folders = new Map<string, string>();
  for (const known of knownPaths) {
    const segments = known.split("/").slice(0, -1);
    segments.forEach((segment, i) => {
      const stems = tokenize(segment);
      if (GENERIC.has(segment.toLowerCase()) || stems.length === 0 || !stems.every((s) => words.has(s))) return;
      const folder = segments.slice(0, i + 1).join("/");
      if (!folders.has(folder)) folders.set(folder, segment);
    });
  }
  return { paths: [...paths], folders: [...folders].map(([folder, word]) => ({ folder, word })) };
}

function clean(path: string): string {
  return path.replace(/^\.{0,2}\/+/, "").replace(/[.,:;)]+$/, "");
}
