import { type EvidenceRule, markerRule, proseRule, subjectRule, titleRule } from "./rule";

export const QUESTION_RULES: readonly EvidenceRule[] = [
  markerRule("question", 0.75, /^\s*(?:\[?(?:question|q|help|support)\]?:|\[(?:question|help|support)\]|question\b)/i, "question marker"),
  subjectRule("question", 0.5, /^\s*(?:how (?:to|do|can|should|would)|is (?:it|there)|are there|can (?:i|we|you)|what(?:'s| is| are)|why (?:does|do|is)|which|where|should i|does (?:it|this|anyone))\b/i, "question phrasing"),
  // Asked after a statement of the problem: "Pod Pending, how to solve it", "… — is it possible?"
  titleRule("question", 0.45, /[,;:–—-]\s*(?:how (?:to|do|can)|is (?:it|there)|what (?:is|are|should)|why)\b|\b(?:is it possible|what is the difference|difference between|how to (?:fix|solve|resolve|debug|use|configure|set ?up))\b/i, "question phrasing"),
  titleRule("question", 0.3, /\?\s*$/, "question mark"),
  proseRule("question", 0.35, /\b(?:how (?:do|can|should) i|is (?:it|there) (?:possible|a way)|i have a question|my question is|any (?:idea|hint|help|suggestion)s?|can (?:someone|anyone) (?:explain|help)|please help|what is the (?:best|recommended|correct|right) way|am i (?:doing|missing) (?:something|anything)|can (?:it|this) be done|is this (?:expected|intended|normal|a bug)|what am i (?:doing wrong|missing))\b/i, "question wording"),
  proseRule("question", 0.35, /\b(?:how|what|why|which|where|when|is|are|can|could|should|does|do)\b(?:[^.?!\n]|\.(?!\s)){3,160}\?/i, "question asked in body"),
];
