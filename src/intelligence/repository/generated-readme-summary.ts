import { z } from "zod";

/** A small instruction-tuned model: a few sentences about a README need no more. */
export const README_SUMMARY_MODEL = "@cf/meta/llama-3.1-8b-instruct-fp8";
/** The generated summary is cut here, like the README's own first paragraph. */
export const GENERATED_SUMMARY_MAX_CHARS = 600;
/** The model reads the README's beginning only: what a project is sits at the top, and the prompt stays small. */
const README_CHARS_SENT = 6_000;

const answer = z.object({ response: z.string() });

/** A summary written by a model, always carried with the model's name so that readers know it was generated. */
export interface GeneratedSummary {
  text: string;
  model: string;
}

/**
 * Two or three sentences on what the repository is, from its README, by Workers AI; null without an `AI` binding,
 * or when the model fails or answers nothing usable (the README's own paragraph and headings still stand).
 * @see https://developers.cloudflare.com/workers-ai/
 */
export async function generateReadmeSummary(ai: Ai | undefined, repository: string, readme: string): Promise<{ summary: GeneratedSummary | null; problem?: string }> {
  if (!ai) return { summary: null };
  try {
    const raw = await ai.run(README_SUMMARY_MODEL, {
      messages: [
        { role: "system", content: "You describe a software repository in two or three plain sentences: what it is and who it is for. Use only the README you are given; no headings, no lists, no links, no code." },
        { role: "user", content: `Repository: ${repository}\n\nREADME:\n${readme.slice(0, README_CHARS_SENT)}` },
      ],
      max_tokens: 200,
    });
    const parsed = answer.safeParse(raw);
    const text = parsed.success ? parsed.data.response.replace(/\s+/g, " ").trim() : "";
    if (!text) return { summary: null, problem: "Workers AI answered without text" };
    const capped = text.length > GENERATED_SUMMARY_MAX_CHARS ? `${text.slice(0, GENERATED_SUMMARY_MAX_CHARS - 1)}…` : text;
    return { summary: { text: capped, model: README_SUMMARY_MODEL } };
  } catch (error) {
    return { summary: null, problem: `Workers AI failed: ${error instanceof Error ? error.message : String(error)}`.slice(0, 300) };
  }
}
