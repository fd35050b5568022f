import { describe, expect, it } from "vitest";
import { githubWebUrl } from "../../../src/github/web-url";

describe("githubWebUrl", () => {
  it("maps api.github.com to github.com and any other API root to its own origin", () => {
    expect(githubWebUrl("https://api.github.com")).toBe("https://github.com");
    expect(githubWebUrl("https://api.github.com/")).toBe("https://github.com");
    expect(githubWebUrl("https://ghes.example.com/api/v3")).toBe("https://ghes.example.com");
    expect(githubWebUrl("http://127.0.0.1:9999")).toBe("http://127.0.0.1:9999");
  });
});
