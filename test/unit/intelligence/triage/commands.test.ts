import { describe, expect, it } from "vitest";
import { helpText, mayRunCommands, parseCommand, refusalText } from "../../../../src/intelligence/triage/commands";

describe("parseCommand", () => {
  it.each([
    ["/chittyconnect review", { name: "review", args: [] }],
    ["Thanks!\n/chittyconnect triage please", { name: "triage", args: ["please"] }],
    ["  /ChittyConnect HELP", { name: "help", args: [] }],
    ["/chittyconnect", { name: "help", args: [] }],
    ["/chittyconnect deploy now", { name: "unknown", word: "deploy" }],
  ])("reads %j", (body, expected) => {
    expect(parseCommand(body)).toEqual(expected);
  });

  it("takes the first command line only", () => {
    expect(parseCommand("/chittyconnect triage\n/chittyconnect review")).toEqual({ name: "triage", args: [] });
  });

  it("ignores quoted lines and code blocks", () => {
    expect(parseCommand("> /chittyconnect review\nI agree")).toBeNull();
    expect(parseCommand("Run it like this:\n```\n/chittyconnect review\n```\n~~~\n/chittyconnect triage\n~~~")).toBeNull();
    expect(parseCommand("```\n/chittyconnect review\n```\n/chittyconnect help")).toEqual({ name: "help", args: [] });
  });

  it("ignores lines that only start like the command", () => {
    expect(parseCommand("/chittyconnectreview")).toBeNull();
    expect(parseCommand("use /chittyconnect review")).toBeNull();
    expect(parseCommand(null)).toBeNull();
  });
});

describe("mayRunCommands", () => {
  it("allows owners, members and collaborators only", () => {
    expect(["OWNER", "MEMBER", "COLLABORATOR"].map(mayRunCommands)).toEqual([true, true, true]);
    expect(["CONTRIBUTOR", "FIRST_TIME_CONTRIBUTOR", "NONE", "MANNEQUIN", "", null].map(mayRunCommands)).toEqual([false, false, false, false, false, false]);
  });
});

describe("command texts", () => {
  it("lists every command in the help and names the person refused", () => {
    for (const name of ["review", "triage", "help"]) expect(helpText()).toContain(`/chittyconnect ${name}`);
    expect(refusalText("mallory")).toMatch(/^@mallory .*collaborators/);
  });
});
