import type { Finding } from "../analysis/finding";

export interface FindingComparison {
  /** Present now: still there since the last review, or new. */
  open: Finding[];
  /** Among `open`, the ones the previous review did not have. */
  new: Finding[];
  /** In the previous review and gone now. */
  resolved: Finding[];
}

/** Compares two reviews of one pull request by fingerprint (which ignores line moves). */
export function compareFindings(previous: Finding[], current: Finding[]): FindingComparison {
  const before = new Set(previous.map((finding) => finding.fingerprint));
  const now = new Set(current.map((finding) => finding.fingerprint));
  return {
    open: current,
    new: current.filter((finding) => !before.has(finding.fingerprint)),
    resolved: previous.filter((finding) => !now.has(finding.fingerprint)),
  };
}
