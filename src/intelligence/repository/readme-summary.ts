import { Lexer, type Token, type Tokens } from "marked";

export interface ReadmeSummary {
  /** The first paragraph of real prose, or null when the README has none. */
  paragraph: string | null;
  headings: { depth: 1 | 2 | 3; text: string }[];
}

export const README_PARAGRAPH_CHARS = 600;
export const README_HEADINGS = 40;
const HEADING_CHARS = 120;
// Shorter "paragraphs" are captions, taglines split by badges, or leftovers like "Table of contents".
const MIN_PARAGRAPH_CHARS = 40;

/** The first real paragraph (badges, HTML, headings and images skipped) and the h1–h3 outline of a README, capped. */
export function summarizeReadme(markdown: string): ReadmeSummary {
  const tokens = new Lexer().lex(markdown.slice(0, 200_000));
  let paragraph: string | null = null;
  const headings: ReadmeSummary["headings"] = [];
  for (const token of tokens) {
    if (token.type === "heading") {
      const { depth, tokens: inline } = token as Tokens.Heading;
      const text = plainText(inline).slice(0, HEADING_CHARS);
      if ((depth === 1 || depth === 2 || depth === 3) && text !== "" && headings.length < README_HEADINGS) headings.push({ depth, text });
    } else if (token.type === "paragraph" && paragraph === null) {
      const text = plainText((token as Tokens.Paragraph).tokens);
      if (text.length >= MIN_PARAGRAPH_CHARS) paragraph = cap(text);
    }
  }
  return { paragraph, headings };
}

/** Text a reader sees: link text kept, images, HTML and badges dropped, whitespace collapsed. */
function plainText(tokens: readonly Token[] | undefined): string {
  const parts: string[] = [];
  for (const token of tokens ?? []) {
    if (token.type === "image" || token.type === "html" || token.type === "br") continue;
    if ("tokens" in token && Array.isArray(token.tokens)) parts.push(plainText(token.tokens));
    else if (token.type === "codespan" || token.type === "text" || token.type === "escape") parts.push((token as Tokens.Text).text);
  }
  return parts.join("").replace(/\s+/g, " ").trim();
}

function cap(text: string): string {
  if (text.length <= README_PARAGRAPH_CHARS) return text;
  const cut = text.slice(0, README_PARAGRAPH_CHARS);
  const sentenceEnd = cut.lastIndexOf(". ");
  return sentenceEnd > README_PARAGRAPH_CHARS / 2 ? cut.slice(0, sentenceEnd + 1) : `${cut.trimEnd()}…`;
}
