import { FAILURE_IN_TITLE } from "./bug-rules";
import { type EvidenceRule, markerRule, proseRule, sectionRule, subjectRule, titleRule } from "./rule";

/** Template sections of GitHub feature-request templates (lower-case prefixes of the heading). */
export const FEATURE_SECTIONS = [
  "is your feature request related to a problem", "describe the solution you'd like", "describe the solution",
  "describe alternatives you've considered", "proposed solution", "suggested solution", "feature description",
  "describe the feature", "motivation", "clear and concise description of the problem", "feature", "enhancement",
  "proposal", "use case",
] as const;

const IMPERATIVE_TITLE = subjectRule("feature", 0.35, /^\s*(?:get|reduce|validate|test|replace|remove|rename|upgrade|convert|generate|export|persist|hide|toggle|refactor|handle|detect|warn|cache|automate|avoid|skip|accept|respect|honou?r|more|better|new|additional|custom) \w+/i, "change asked for in the imperative");

export const FEATURE_RULES: readonly EvidenceRule[] = [
  markerRule("feature", 0.75, /^\s*(?:\[?(?:feature|feat|enh|enhancement|request|proposal|rfc|suggestion|idea)\]?(?:\([\w-]+\))?:|\[(?:feature|feature request|request|enhancement|proposal)\]|feature request|fr:)/i, "feature marker"),
  subjectRule("feature", 0.45, /^\s*(?:add|support|allow|implement|provide|enable|expose|introduce|make|option to|ability to|capability to|possibility to|integrate|set|let|show|display|improve|extend|expand|use|create|offer|include|request|suggest(?:ion)?)\b/i, "request phrased as a change"),
  // A title in the imperative names work to be done; reports describe what happened instead. "Fix" is left out:
  // it names a defect. Weaker than the request verbs above, which say outright that something is asked for, and
  // silent when the title also says something failed: then the first word is a noun ("Upgrade from 1.4 breaks
  // login", "Test failures on Windows", "Remove button does nothing").
  { ...IMPERATIVE_TITLE, find: (doc) => (FAILURE_IN_TITLE.test(doc.title) ? null : IMPERATIVE_TITLE.find(doc)) },
  // "request" alone is usually an HTTP request in a bug title; only the request-for-a-feature phrasings count.
  titleRule("feature", 0.3, /\b(?:feature|support for|option (?:to|for)|ability to|would be nice|feature request|request for|proposal|configurable|customi[sz]able)\b/i, "request wording"),
  // Asking for clearer diagnostics is an enhancement in most trackers, even though the title says "error".
  titleRule("feature", 0.6, /\b(?:misleading|confusing|unhelpful|unclear|cryptic|better|improved?|clearer|more (?:helpful|useful|specific))\b[^.\n]{0,30}\b(?:error|diagnostic|warning)s?(?: (?:messages?|msgs?|output))?\b|\b(?:error|diagnostic|warning) (?:messages?|msgs?) (?:is|are) (?:misleading|confusing|unhelpful|unclear|cryptic)\b/i, "request for clearer diagnostics"),
  sectionRule("feature", 0.65, FEATURE_SECTIONS, true),
  proseRule("feature", 0.4, /\b(?:it would be (?:nice|great|good|helpful|useful|awesome)|would be (?:nice|great|helpful|useful) (?:to|if)|i(?:'d| would) (?:like|love) (?:to|it if)|please (?:add|consider|support)|could you (?:add|support)|feature request|add (?:an? )?(?:option|setting|flag|support)|support for|would like to be able|i suggest|suggest(?:ion)? (?:is|to)|nice to have|should (?:support|allow)|there should be|how about|should be able to|would be useful|would help|(?:i|we) need (?:a|some) way to|need (?:the|an?) (?:ability|option|possibility|way) to|there is no way to|is there (?:any )?plan|(?:do|does) (?:you|the team) have (?:any )?plans?|any plans? (?:to|for|on)|can we (?:support|have|add|get)|would be (?:amazing|awesome|fantastic))\b/i, "request wording"),
  proseRule("feature", 0.35, /^\s*(?:[-*+]\s+)?(?:\[[ x]\]\s+)?(?:add|support|allow|provide|implement|enable|expose)\s+\w+/im, "request phrased as a change"),
];
