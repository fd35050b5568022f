import { describe, expect, it } from "vitest";
import { README_HEADINGS, README_PARAGRAPH_CHARS, summarizeReadme } from "../../../../src/intelligence/repository/readme-summary";

const README = `<p align="center"><img src="logo.svg" width="120"></p>

# ChittyConnect

[![CI](https://github.com/o/r/actions/workflows/ci.yml/badge.svg)](https://github.com/o/r/actions) [![npm](https://img.shields.io/npm/v/x.svg)](https://npm.im/x)

![screenshot](docs/shot.png)

ChittyConnect links the **ChittyOS** ecosystem to [GitHub](https://github.com): one GraphQL graph, \`/v1\` REST shims and a GitHub App.

## Install
npm install

### From source
#### Deep detail
## Usage
`;

describe("summarizeReadme", () => {
  it("takes the first real paragraph, skipping HTML, badges and images", () => {
    expect(summarizeReadme(README).paragraph).toBe("ChittyConnect links the ChittyOS ecosystem to GitHub: one GraphQL graph, /v1 REST shims and a GitHub App.");
  });

  it("lists h1 to h3 headings in order", () => {
    expect(summarizeReadme(README).headings).toEqual([
      { depth: 1, text: "ChittyConnect" }, { depth: 2, text: "Install" }, { depth: 3, text: "From source" }, { depth: 2, text: "Usage" },
    ]);
  });

  it("caps the paragraph and the number of headings", () => {
    const long = `${"A sentence that goes on. ".repeat(100)}\n\n${Array.from({ length: 100 }, (_, i) => `## Section ${i}`).join("\n\n")}`;
    const summary = summarizeReadme(long);
    expect(summary.paragraph?.length).toBeLessThanOrEqual(README_PARAGRAPH_CHARS);
    expect(summary.paragraph?.endsWith(".")).toBe(true);
    expect(summary.headings).toHaveLength(README_HEADINGS);
  });

  it("returns no paragraph for a README that is only badges and headings", () => {
    expect(summarizeReadme("# X\n\n[![b](https://x/b.svg)](https://x)\n")).toEqual({ paragraph: null, headings: [{ depth: 1, text: "X" }] });
  });
});
