import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { env } from "cloudflare:workers";
import { addIssueLabels } from "../../../src/github/add-issue-labels";
import { fetchLabelsRemovedByOthers, listLabelEvents } from "../../../src/github/label-events";
import { FAKE_APP, FakeGitHub, givenRepository } from "../../fakes/github";

const bindings = env as Env;
let github: FakeGitHub;
beforeEach(() => {
  github = new FakeGitHub().install();
});
afterEach(() => vi.restoreAllMocks());

function issue() {
  const given = givenRepository(github);
  given.repo.addLabel("bug").addLabel("P1").addLabel("question");
  return { ...given, number: given.repo.addIssue({ title: "Crash when saving", labels: ["question"] }).number };
}

describe("addIssueLabels", () => {
  it("adds labels and answers with every label the issue now has", async () => {
    const { repo, ref, number } = issue();
    expect(await addIssueLabels(bindings, ref, number, ["bug", "P1"])).toEqual(["question", "bug", "P1"]);
    expect(repo.issues.get(number)!.labels).toEqual(["question", "bug", "P1"]);
    expect(github.restCalls(repo, "POST")[0]?.body).toEqual({ labels: ["bug", "P1"] });
  });

  it("sends nothing for an empty list, which is no change", async () => {
    const { repo, ref, number } = issue();
    await expect(addIssueLabels(bindings, ref, number, [])).rejects.toMatchObject({ code: "GITHUB_WRITE_INVALID" });
    expect(github.restCalls(repo)).toEqual([]);
  });
});

describe("label events", () => {
  it("tell the labels a person removed from those the App removed or a person only added", async () => {
    const { repo, ref, number } = issue();
    await addIssueLabels(bindings, ref, number, ["bug", "P1"]);
    repo.changeLabel(number, "unlabeled", "bug", { login: "maintainer" });
    repo.changeLabel(number, "unlabeled", "P1", { login: FAKE_APP.botLogin, app: { id: FAKE_APP.id, slug: FAKE_APP.slug } });
    repo.changeLabel(number, "unlabeled", "question", { login: "author" });
    repo.changeLabel(number, "labeled", "question", { login: "author" });
    repo.addOtherEvent(number, { event: "renamed", rename: { from: "Crash", to: "Crash when saving" } });

    const { labels } = await fetchLabelsRemovedByOthers(bindings, ref, number);

    expect(labels).toEqual(["bug", "question"]);
    const { events } = await listLabelEvents(bindings, ref, number);
    expect(events.map((e) => [e.event, e.label, e.author.login, e.author.appId])).toEqual([
      ["labeled", "bug", FAKE_APP.botLogin, FAKE_APP.id],
      ["labeled", "P1", FAKE_APP.botLogin, FAKE_APP.id],
      ["unlabeled", "bug", "maintainer", null],
      ["unlabeled", "P1", FAKE_APP.botLogin, FAKE_APP.id],
      ["unlabeled", "question", "author", null],
      ["labeled", "question", "author", null],
    ]);
  });

  it("are read across pages", async () => {
    const { repo, ref, number } = issue();
    for (let i = 0; i < 60; i++) {
      repo.changeLabel(number, "labeled", "bug", { login: "triager" });
      repo.changeLabel(number, "unlabeled", "bug", { login: "triager" });
    }
    repo.changeLabel(number, "unlabeled", "question", { login: "late-human" });

    const { labels, complete } = await fetchLabelsRemovedByOthers(bindings, ref, number);

    expect(labels).toEqual(["bug", "question"]);
    expect(complete).toBe(true);
    expect(github.restCalls(repo, "GET").map((c) => c.params?.page)).toEqual(["1", "2"]);
  });
});
