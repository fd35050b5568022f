import { describe, expect, it } from "vitest";
import { createLineLexer, MASK } from "../../../../src/intelligence/analysis/lex-lines";
import { LEXER_CONFIGS } from "../../../../src/intelligence/analysis/lexer-config";

describe("createLineLexer", () => {
  it("masks string contents and blanks comments, keeping columns", () => {
    const lex = createLineLexer(LEXER_CONFIGS.javascript);
    const line = `const s = "eval(x)"; run(); // eval(y)`;
    const lexed = lex(line);
    expect(lexed.code).toHaveLength(line.length);
    expect(lexed.code).not.toContain("eval");
    expect(lexed.code).toContain(`"${MASK.repeat(7)}"`);
    expect(lexed.comment).toBe("// eval(y)");
    expect(lexed.strings[0]).toMatchObject({ text: "eval(x)", quote: '"', interpolated: false });
  });

  it("keeps interpolated expressions as code and carries template literals and block comments across lines", () => {
    const lex = createLineLexer(LEXER_CONFIGS.javascript);
    expect(lex("run(`a ${user} b").code).toContain("${user}");
    expect(lex("still string ${x}` /* open").code.startsWith(MASK)).toBe(true);
    expect(lex("eval(inside) */ eval(outside)").code).toMatch(/^\s+ eval\(outside\)$/);
  });

  it("ends a single-quoted string at the end of the line so a stray apostrophe cannot mask the next one", () => {
    const lex = createLineLexer(LEXER_CONFIGS.typescript);
    lex("<p>Don't do this</p>");
    expect(lex("eval(code)").code).toBe("eval(code)");
  });

  it("knows Python f-strings, triple quotes and # comments", () => {
    const lex = createLineLexer(LEXER_CONFIGS.python);
    const first = lex('q = f"SELECT {col} FROM t"  # eval(');
    expect(first.strings[0]).toMatchObject({ prefix: "f", interpolated: true });
    expect(first.code).toContain("{col}");
    expect(first.comment).toBe("# eval(");
    expect(lex('doc = """eval(').code).not.toContain("eval");
    expect(lex('still doc""" + eval(x)').code).toContain("eval(x)");
  });

  it("knows PHP variables in double quotes, Ruby #{} and Go raw strings", () => {
    expect(createLineLexer(LEXER_CONFIGS.php)(`$q = "id = '$id'"; # note`).strings[0]).toMatchObject({ interpolated: true });
    expect(createLineLexer(LEXER_CONFIGS.ruby)('system("ls #{dir}")').code).toContain("#{dir}");
    const go = createLineLexer(LEXER_CONFIGS.go);
    go("x := `multi");
    expect(go('line "quoted" end` + y').code).toMatch(/` \+ y$/);
  });
});
