/** An issue split into the parts the classifier reads differently. */
export interface IssueDocument {
  title: string;
  /**
   * The title without leading tags and component prefixes (`[Rust] `, `TimeSeries: `, `4.0: `), so that rules
   * about how a title starts ("Add …", "How do I …") read what the reporter actually asks.
   */
  subject: string;
  /** Body text outside code blocks, without HTML comments, images or URLs. */
  prose: string;
  /** Contents of fenced code blocks and indented code. */
  code: string;
  /** Headings and bold one-line captions, lower-cased: issue templates show up here. */
  headings: string[];
}

// Issue templates carry their instructions in HTML comments ("describe the bug…") that the reporter never wrote.
const HTML_COMMENT = /<!--[\s\S]*?(?:-->|$)/g;
const FENCE = /^ {0,3}(`{3,}|~{3,})[^\n]*\n([\s\S]*?)(?:^ {0,3}\1[`~]*[ \t]*$|(?![\s\S]))/gm;
const IMAGE = /!\[[^\]]*\]\([^)]*\)|<img\b[^>]*>/gi;
const URL = /\bhttps?:\/\/[^\s)>\]"']+/gi;
const HTML_TAG = /<\/?[a-z][^>]*>/gi;
// Up to three leading `[tag]`s or `Component/area: ` prefixes of at most four words each. A prefix's colon is
// followed by a space or the end, so a path (`tokio::spawn`) or a URL inside the title is not taken for one.
const TITLE_PREFIX = /^(?:\s*(?:\[[^\]\n]{1,40}\]:?|\([^)\n]{1,30}\):?|[\w.@/#`'-]+(?:\([\w./-]{1,30}\))?(?: [\w.@/#`'-]+){0,3}:(?=\s|$))\s*){1,3}/;
const HEADING = /^ {0,3}(?:#{1,6}[ \t]+(.+?)[ \t#]*|\*\*([^*\n]{2,80})\*\*:?[ \t]*|([A-Z][A-Za-z' ]{2,60}):[ \t]*)$/gm;

/** Splits title and Markdown body into prose, code and template headings. */
export function toIssueDocument(title: string, body: string | null | undefined): IssueDocument {
  const withoutComments = (body ?? "").replace(/\r\n?/g, "\n").replace(HTML_COMMENT, "");
  const code: string[] = [];
  const outsideFences = withoutComments.replace(FENCE, (_match, _fence: string, inner: string) => {
    code.push(inner);
    return "\n";
  });
  const prose = outsideFences.replace(IMAGE, " ").replace(URL, " ").replace(HTML_TAG, " ");
  const headings = [...prose.matchAll(HEADING)]
    .map((m) => (m[1] ?? m[2] ?? m[3] ?? "").replace(/[*_`]/g, "").trim().toLowerCase())
    .filter((h) => h.length > 0);
  const trimmed = title.trim();
  const subject = trimmed.replace(TITLE_PREFIX, "").trim();
  return { title: trimmed, subject: subject === "" ? trimmed : subject, prose, code: code.join("\n"), headings };
}
