import { describe, expect, it } from "vitest";
import { findingsFor } from "../snippet";

const RULE = "security/xss";

describe("security/xss", () => {
  it.each([
    ["src/a.js", ["el.innerHTML = '<div>' + userInput + '</div>';"]],
    ["src/a.ts", ["node.outerHTML = html;"]],
    ["src/a.js", ["list.insertAdjacentHTML('beforeend', row);"]],
    ["src/a.js", ["document.write(location.hash);"]],
    ["src/A.tsx", ["  return <div dangerouslySetInnerHTML={{ __html: post.body }} />;"]],
    ["src/Post.vue", ['  <div class="body" v-html="post.html"></div>']],
    ["app/views.py", ["return mark_safe(comment.text)"]],
    ["templates/post.html", ["<div>{{ post.body|safe }}</div>"]],
    ["app/views/show.html.erb", ["<h1><%= @title.html_safe %></h1>"]],
    ["app/views/show.html.erb", ["<%= raw @post.body %>"]],
    ["resources/views/post.blade.php", ["<div>{!! $post->body !!}</div>"]],
    ["web/page.go", ["\treturn template.HTML(\"<h1>\" + name + \"</h1>\")"]],
  ])("flags %s: %s", (file, lines) => {
    expect(findingsFor(RULE, file, lines)).toHaveLength(1);
  });

  it.each([
    ["src/a.js", ["document.body.innerHTML = \"<div>it's ok</div>\";"]],
    ["src/a.js", ["el.textContent = userInput;"]],
    ["src/a.js", ["el.innerHTML = DOMPurify.sanitize(html);"]],
    ["src/A.tsx", ["  return <li dangerouslySetInnerHTML={{__html: DOMPurify.sanitize(foo)}} />;"]],
    ["src/A.tsx", ["  const p = { dangerouslySetInnerHTML: { __html: \"hi\" } };"]],
    ["src/Post.vue", ['  <div v-text="post.html"></div>']],
    ["app/views.py", ["return mark_safe('<br>')"]],
    ["templates/post.html", ["<div>{{ post.body }}</div>"]],
    ["resources/views/post.blade.php", ["<div>{{ $post->body }}</div>"]],
    ["web/page.go", ['\treturn template.HTML("<html><body><h1>Hello</h1></body></html>")']],
  ])("leaves alone %s: %s", (file, lines) => {
    expect(findingsFor(RULE, file, lines)).toEqual([]);
  });

  it("trusts a variable the hunk assigned a constant to", () => {
    expect(findingsFor(RULE, "src/a.js", ["el.innerHTML = template;"], ["const template = '<p>static</p>';"])).toEqual([]);
  });

  it("does not trust a parameter that is only reassigned on one branch", () => {
    expect(
      findingsFor(RULE, "app/views.py", ["    safestring.mark_safe(str_arg)"], ["def f(str_arg=None):", "    if not str_arg:", "        str_arg = 'could be insecure'"]),
    ).toHaveLength(1);
  });
});
