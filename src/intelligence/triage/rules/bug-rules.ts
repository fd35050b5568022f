import { detectStackTrace } from "../stack-traces";
import { VULNERABILITY } from "./security-rules";
import { type EvidenceRule, markerRule, proseRule, sectionRule, titleRule } from "./rule";

/** Template sections GitHub bug templates use (lower-case prefixes of the heading). */
export const BUG_SECTIONS = [
  "steps to reproduce", "to reproduce", "reproduction", "reproducible example", "repro steps", "how to reproduce",
  "expected behavior", "expected behaviour", "expected result", "expected output", "actual behavior",
  "actual behaviour", "actual result", "current behavior", "current behaviour", "describe the bug",
  "bug description", "what happened", "observed behavior", "relevant log output", "error message",
  "steps/code to reproduce", "what is the expected behavior", "what is the actual behavior", "what did you expect",
  "what went wrong", "minimal reproduction", "reproduction steps", "traceback", "stack trace", "crash log",
  "problem description", "issue description", "last working version", "what was the last working version",
] as const;

/** Sections a bug template asks for that say little alone: the environment the failure happened in. */
export const ENVIRONMENT_SECTIONS = [
  "environment", "version", "versions", "operating system", "os", "platform", "output of", "installed versions", "browser", "node version", "python version",
] as const;

/** How a title says something went wrong; the feature rules also read it, since a change is not asked for this way. */
export const FAILURE_IN_TITLE = /\b(?:bug|broken|regression|crash(?:es|ed)?|fails?|failing|failed|failures?|breaks?|does nothing|error|wrong|incorrect|doesn'?t work|not work(?:ing)?|cannot|can'?t|unable to|throws?|exception|segfault|segmentation fault|false positive|missing|not respected|ignored?|lost|glitch(?:es|y)?|never \w+s|stops? \w+ing|stopped \w+ing|keeps \w+ing|no longer|(?:does|do|did|is|are|was|were|could|would|will)(?:n'?t| not) (?:be )?\w+|not (?:being |properly |correctly )?(?:shown|displayed|rendered|loaded|saved|applied|updated|found|recognized|recognised|detected|respected|honou?red|escaped|populated|returned|reflected|triggered|called|working)|unexpected(?:ly)?|inconsistent|invalid|mismatch|conflicts?|misplace[sd]?)\b/i;
const ERROR_NAME = /\b[A-Z][A-Za-z]*(?:Error|Exception)\b|\berror\[E\d{4}\]|\bUncaught\b|\bpanicked\b|\bFATAL\b/;
const CRASH = /\b(?:crash(?:es|ed|ing)?|segfault|segmentation fault|sigsegv|core dumped|oom(?:[- ]kill(?:ed|er)?)?|out of memory|memory leak|hang(?:s|ing)?|unresponsive|not responding|freez(?:e|es|ing))\b/i;

export const BUG_RULES: readonly EvidenceRule[] = [
  markerRule("bug", 0.75, /^\s*(?:\[?bug\]?\??:?|\[[\w ]*bug\]|bug report|\S+ bug\]:)/i, "bug marker"),
  titleRule("bug", 0.35, FAILURE_IN_TITLE, "failure wording"),
  sectionRule("bug", 0.55, BUG_SECTIONS, true),
  sectionRule("bug", 0.2, ENVIRONMENT_SECTIONS),
  proseRule("bug", 0.35, /\b(?:this (?:is a |looks like a )?bug|is broken|a regression|no longer works|stopped working|doesn'?t work|does not work|not working|unexpected(?:ly)?|wrong (?:result|output|value)|incorrect(?:ly)?|false positive)\b/i, "failure wording"),
  {
    type: "bug",
    weight: 0.55,
    find(doc) {
      const language = detectStackTrace(`${doc.code}\n${doc.prose}`);
      return language === null ? null : `stack trace (${language})`;
    },
  },
  {
    type: "bug",
    weight: 0.3,
    find(doc) {
      const m = ERROR_NAME.exec(`${doc.title}\n${doc.prose}\n${doc.code}`);
      return m === null ? null : `error message "${m[0]}"`;
    },
  },
  {
    type: "bug",
    weight: 0.35,
    find(doc) {
      const m = CRASH.exec(`${doc.title}\n${doc.prose}\n${doc.code}`);
      return m === null ? null : `crash wording "${m[0]}"`;
    },
  },
  // A vulnerability is a defect too, and most maintainers in the labelled issues filed such reports as bugs.
  { type: "bug", weight: 0.45, find: (doc) => (VULNERABILITY.test(`${doc.title}\n${doc.prose}`) ? "vulnerability report" : null) },
  titleRule("bug", 0.3, /\binstead of\b/i, "behaviour differs from expectation"),
  proseRule("bug", 0.15, /\b(?:version|os|operating system|platform|environment)\s*[:=]?\s*v?\d+\.\d+(?:\.\d+)?\b/i, "version string"),
];
