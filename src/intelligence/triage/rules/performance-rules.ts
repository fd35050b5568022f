import { type EvidenceRule, markerRule, proseRule, titleRule } from "./rule";

export const PERFORMANCE_RULES: readonly EvidenceRule[] = [
  markerRule("performance", 0.8, /^\s*(?:\[?perf(?:ormance)?\]?:|\[perf(?:ormance)?\])/i, "performance marker"),
  // Slowness wording in title and body together stays just under the default threshold (0.73): maintainers file
  // as many slow pages and long start-ups under bug or enhancement as under performance, so without a PERF marker
  // (or resource wording too: a freeze, high memory) the label is only suggested (docs/intelligence.md, "Figures").
  titleRule("performance", 0.55, /\b(?:slow(?:er|ly|ness|s|ing)?|performance|latency|lag(?:s|gy|ging)?|jank(?:y)?|high (?:cpu|memory|ram)|cpu (?:usage|load)|100% cpu|takes? (?:too )?long|faster|speed(?:s|ing)? up|throughput|bottleneck|optimi[sz]e|efficient)\b/i, "performance wording"),
  // Hangs, freezes and memory exhaustion are as often filed as plain bugs, so they count for less here.
  titleRule("performance", 0.3, /\b(?:memory (?:usage|leak|consumption|footprint)|unresponsive|not responding|freez(?:e|es|ing)|hang(?:s|ing)?|oom|out of memory)\b/i, "resource wording"),
  proseRule("performance", 0.4, /\b(?:slow(?:er|ly|ness|s)?|performance|latency|lag(?:s|gy)?|jank|high (?:cpu|memory|ram)|cpu (?:usage|load|time|utili[sz]ation)|100% cpu|takes? (?:about |over |more than )?\d+(?:\.\d+)? ?(?:ms|s|sec|seconds|minutes|mins)|\d+(?:\.\d+)?x (?:slower|faster)|bottleneck|throughput|profil(?:er|ing)|(?:cpu|memory|heap) profiles?|frame (?:drop|time)s?|dropped frames|delay(?:s|ed)? the|takes? (?:a |too )?long time|taking (?:much |far )?longer|(?:much |far )?longer than (?:it should|expected|usual|before))\b/i, "performance wording"),
];
