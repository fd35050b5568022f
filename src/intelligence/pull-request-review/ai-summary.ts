import { z } from "zod";
import type { Finding } from "../analysis/finding";
import type { RiskScore } from "../review/risk-score";
import type { ChangeSummary } from "../review/summarize-change";

/** A small instruction-tuned model: one paragraph of prose needs no more. */
export const AI_SUMMARY_MODEL = "@cf/meta/llama-3.1-8b-instruct-fp8";
/** The paragraph is cut here: it sits above the findings and must not bury them. */
export const AI_SUMMARY_MAX_CHARS = 600;

const answer = z.object({ response: z.string() });

export interface AiSummaryInput {
  title: string;
  summary: ChangeSummary;
  risk: RiskScore;
  findings: Finding[];
}

/** What the model is told: facts the review already computed, and never evidence (it may hold a redacted secret). */
function prompt(input: AiSummaryInput): string {
  const areas = input.summary.groups.map((g) => `${g.name}: ${g.files} file(s), +${g.additions} -${g.deletions}`).join("; ");
  const findings = input.findings.slice(0, 15).map((f) => `${f.severity} ${f.ruleId} in ${f.path || "the change"}: ${f.message}`).join("\n");
  return [
    `Pull request title: ${input.title}`,
    `Changed areas: ${areas || "none"}`,
    `Risk ${input.risk.score}/100 because: ${input.risk.reasons.map((r) => r.reason).join("; ") || "nothing notable"}`,
    `Findings:\n${findings || "none"}`,
  ].join("\n");
}

/**
 * One paragraph of prose about the change from Workers AI, or null: without an `AI` binding, or when the model
 * fails or answers nothing usable, the review is complete without it. The renderer marks it as generated.
 * @see https://developers.cloudflare.com/workers-ai/
 */
export async function aiSummary(ai: Ai | undefined, input: AiSummaryInput): Promise<{ text: string | null; problem?: string }> {
  if (!ai) return { text: null };
  try {
    const raw = await ai.run(AI_SUMMARY_MODEL, {
      messages: [
        { role: "system", content: "You summarise a pull request for its reviewers in one short paragraph of plain text. Use only the facts given; do not list every finding; no headings, no lists, no code." },
        { role: "user", content: prompt(input) },
      ],
      max_tokens: 220,
    });
    const parsed = answer.safeParse(raw);
    const text = parsed.success ? parsed.data.response.replace(/\s+/g, " ").trim() : "";
    if (!text) return { text: null, problem: "Workers AI answered without text" };
    return { text: text.length > AI_SUMMARY_MAX_CHARS ? `${text.slice(0, AI_SUMMARY_MAX_CHARS - 1)}…` : text };
  } catch (error) {
    return { text: null, problem: `Workers AI failed: ${error instanceof Error ? error.message : String(error)}`.slice(0, 300) };
  }
}
