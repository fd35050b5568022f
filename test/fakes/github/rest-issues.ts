import { json, notFound, paginate, validationFailed, type Json } from "./http";
import type { FakeRepository } from "./repository";
import { FAKE_APP, performedViaApp } from "./resources";
import { conversationPermissions, refuseWrite, type RepoRequest, type RepoRoute } from "./routes";

export interface FakeComment {
  id: number;
  repo: FakeRepository;
  issueNumber: number;
  body: string;
  user: { login: string; type: "User" | "Bot" };
  /** Set on comments the App wrote with an installation token. */
  app: Json | null;
  createdAt: string;
  updatedAt: string;
  reactions: { id: number; content: string; login: string }[];
}

let commentIds = 2_000_000_000;
let reactionIds = 300_000_000;
const REACTIONS = ["+1", "-1", "laugh", "confused", "heart", "hooray", "rocket", "eyes"];

/** Creates a comment in the fake's state, as the App (with an installation token) or as a person. */
export function createComment(comments: Map<number, FakeComment>, repo: FakeRepository, issueNumber: number, body: string, author: { login: string; app?: boolean }): FakeComment {
  const now = new Date().toISOString();
  const comment: FakeComment = {
    id: commentIds++,
    repo,
    issueNumber,
    body,
    user: { login: author.login, type: author.app ? "Bot" : "User" },
    app: author.app ? performedViaApp() : null,
    createdAt: now,
    updatedAt: now,
    reactions: [],
  };
  comments.set(comment.id, comment);
  return comment;
}

function commentResource(url: URL, comment: FakeComment): Json {
  const kind = comment.repo.issues.get(comment.issueNumber)?.pull ? "pull" : "issues";
  return {
    id: comment.id,
    node_id: `IC_${comment.id}`,
    url: `${url.origin}/repos/${comment.repo.fullName}/issues/comments/${comment.id}`,
    html_url: `${url.origin}/${comment.repo.fullName}/${kind}/${comment.issueNumber}#issuecomment-${comment.id}`,
    body: comment.body,
    user: { login: comment.user.login, id: 1, type: comment.user.type },
    created_at: comment.createdAt,
    updated_at: comment.updatedAt,
    author_association: comment.app ? "NONE" : "MEMBER",
    performed_via_github_app: comment.app,
  };
}

const validBody = (body: unknown): body is string => typeof body === "string" && body.length > 0 && body.length <= 65_536;

/** The comment a request names, when it belongs to the request's repository. */
const commentIn = (request: RepoRequest, id: string | undefined) => {
  const comment = request.github.comments.get(Number(id));
  return comment && comment.repo === request.repo ? comment : undefined;
};

/** Issue and pull request conversations: comments, reactions, labels and label events. */
export const issueRoutes: RepoRoute[] = [
  {
    method: "GET",
    path: /^\/issues\/(\d+)\/comments$/,
    handle: (request, [, number]) => {
      if (!request.repo.issues.has(Number(number))) return notFound();
      const comments = [...request.github.comments.values()].filter((c) => c.repo === request.repo && c.issueNumber === Number(number));
      return paginate(request.url, comments.sort((a, b) => a.id - b.id).map((c) => commentResource(request.url, c)));
    },
  },
  {
    method: "POST",
    path: /^\/issues\/(\d+)\/comments$/,
    handle: (request, [, number]) => {
      if (!request.repo.issues.has(Number(number))) return notFound();
      const refused = refuseWrite(request, conversationPermissions(request.repo, Number(number)));
      if (refused) return refused;
      if (!validBody(request.body?.body)) return validationFailed("IssueComment", "body");
      const comment = createComment(request.github.comments, request.repo, Number(number), request.body.body, { login: FAKE_APP.botLogin, app: true });
      return json(commentResource(request.url, comment), 201);
    },
  },
  {
    method: "PATCH",
    path: /^\/issues\/comments\/(\d+)$/,
    handle: (request, [, id]) => {
      const comment = commentIn(request, id);
      if (!comment) return notFound();
      const refused = refuseWrite(request, conversationPermissions(request.repo, comment.issueNumber));
      if (refused) return refused;
      if (!validBody(request.body?.body)) return validationFailed("IssueComment", "body");
      comment.body = request.body.body;
      comment.updatedAt = new Date().toISOString();
      return json(commentResource(request.url, comment));
    },
  },
  {
    method: "POST",
    path: /^\/issues\/comments\/(\d+)\/reactions$/,
    handle: (request, [, id]) => {
      const comment = commentIn(request, id);
      if (!comment) return notFound();
      const refused = refuseWrite(request, conversationPermissions(request.repo, comment.issueNumber));
      if (refused) return refused;
      const content = request.body?.content;
      if (typeof content !== "string" || !REACTIONS.includes(content)) return validationFailed("Reaction", "content");
      const existing = comment.reactions.find((r) => r.content === content && r.login === FAKE_APP.botLogin);
      const reaction = existing ?? { id: reactionIds++, content, login: FAKE_APP.botLogin };
      if (!existing) comment.reactions.push(reaction);
      const answer = { id: reaction.id, node_id: `REA_${reaction.id}`, user: { login: reaction.login, type: "Bot" }, content, created_at: new Date().toISOString() };
      return json(answer, existing ? 200 : 201);
    },
  },
  {
    method: "POST",
    path: /^\/issues\/(\d+)\/labels$/,
    handle: (request, [, number]) => {
      const issue = request.repo.issues.get(Number(number));
      if (!issue) return notFound();
      const refused = refuseWrite(request, conversationPermissions(request.repo, issue.number));
      if (refused) return refused;
      const labels = request.body?.labels;
      if (!Array.isArray(labels) || labels.some((l) => typeof l !== "string" || !l.trim())) return validationFailed("Label", "labels");
      for (const label of labels as string[]) {
        // GitHub creates a label the repository lacks, as the App's addition here does.
        request.repo.addLabel(label);
        request.repo.changeLabel(issue.number, "labeled", label, { login: FAKE_APP.botLogin, app: performedViaApp() });
      }
      return json(issue.labels.map((name, i) => ({ id: i + 1, node_id: `LA_${i}`, name, color: "ededed", default: false, description: null })));
    },
  },
  {
    method: "GET",
    path: /^\/issues\/(\d+)\/events$/,
    handle: (request, [, number]) => {
      const issue = request.repo.issues.get(Number(number));
      return issue ? paginate(request.url, issue.events) : notFound();
    },
  },
];
