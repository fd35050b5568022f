import { describe, expect, it } from "vitest";
import { findingsFor } from "../snippet";

const RULE = "security/eval";

describe("security/eval", () => {
  it.each([
    ["src/a.js", "const result = eval(userInput);", "high"],
    ["src/a.ts", "const fn = new Function(`return ${body}`);", "high"],
    ["src/a.js", 'setTimeout("refresh()", 100);', "medium"],
    ["src/a.js", "window.eval(code)", "high"],
    ["app.py", "value = eval(request.args['expr'])", "high"],
    ["app.py", "exec(compile(source, 'x', 'exec'))", "high"],
    ["lib/a.rb", "Array.class_eval(array_second)", "high"],
    ["lib/a.rb", 'eval("def zen; 42; end")', "medium"],
    ["lib/a.rb", 'b.eval("param")', "medium"],
    ["src/a.php", "eval($user_input);", "high"],
  ])("flags %s: %s", (file, line, severity) => {
    const [finding] = findingsFor(RULE, file, [line]);
    expect(finding).toMatchObject({ ruleId: RULE, severity });
  });

  it.each([
    ["src/a.js", 'const help = "never call eval(input) on user data";'],
    ["src/a.js", "// eval(x) would be simpler but unsafe"],
    ["src/a.js", "/* eval(x) */ run(x);"],
    ["src/a.js", "setTimeout(() => refresh(), 100);"],
    ["src/a.js", "model.eval(batch);"],
    ["app.py", "self.eval()"],
    ["app.py", "    def eval(self):"],
    ["app.py", "# eval(input) is unsafe"],
    ["app.py", "ast.literal_eval(text)"],
    ["lib/a.rb", "Person.class_eval do"],
    ["lib/a.rb", "# eval(code)"],
    ["src/a.php", "$this->eval($x);"],
    ["main.go", "result := evaluator.Eval(expr)"],
  ])("leaves alone %s: %s", (file, line) => {
    expect(findingsFor(RULE, file, [line])).toEqual([]);
  });
});
