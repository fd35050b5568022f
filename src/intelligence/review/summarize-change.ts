import type { ChangedFile } from "../analysis/changed-file";
import { pathKind, type PathKind } from "../analysis/path-kind";

export interface ChangeGroup {
  /** A recognised kind (tests, docs, config, CI, dependencies) or, for source, the top-level folder. */
  name: string;
  kind: PathKind;
  files: number;
  additions: number;
  deletions: number;
}

export interface ChangeSummary {
  groups: ChangeGroup[];
  files: number;
  additions: number;
  deletions: number;
}

/** Source files group by top-level folder (`src`, `lib`); everything else by what it is. */
function groupName(path: string, kind: PathKind): string {
  if (kind !== "source" && kind !== "other") return kind;
  const slash = path.indexOf("/");
  return slash > 0 ? `${path.slice(0, slash)}/` : "(root)";
}

/** Files grouped by area with lines added and removed per group and in total; biggest groups first. */
export function summarizeChange(files: ChangedFile[]): ChangeSummary {
  const groups = new Map<string, ChangeGroup>();
  for (const file of files) {
    const kind = pathKind(file.filename);
    const name = groupName(file.filename, kind);
    const group = groups.get(name) ?? { name, kind, files: 0, additions: 0, deletions: 0 };
    group.files++;
    group.additions += file.additions;
    group.deletions += file.deletions;
    groups.set(name, group);
  }
  const sorted = [...groups.values()].sort(
    (a, b) => b.additions + b.deletions - (a.additions + a.deletions) || a.name.localeCompare(b.name),
  );
  return {
    groups: sorted,
    files: files.length,
    additions: sorted.reduce((sum, group) => sum + group.additions, 0),
    deletions: sorted.reduce((sum, group) => sum + group.deletions, 0),
  };
}
