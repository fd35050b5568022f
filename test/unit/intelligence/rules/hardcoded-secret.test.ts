import { describe, expect, it } from "vitest";
import { findingsFor } from "../snippet";

const RULE = "security/hardcoded-secret";

describe("security/hardcoded-secret", () => {
  it.each([
    ["aws-access-key", "src/config.js", `const id = "AKIA2E0A8F3B244C9986";`],
    ["github-token", "deploy.py", `TOKEN = "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"`],
    ["github-token", "ci/env.go", `var pat = "github_pat_11ABCDEFG0123456789abc_defghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456"`],
    ["slack-token", "bot.rb", `SLACK = "xoxb-1015900425939-1027655437248-ZIst9HIL1KF8z89ThuUL3Hce"`],
    ["stripe-key", "pay.php", `$key = 'sk_live_4eC39HqLyjWDarjtT1zdp7dc';`],
    ["google-api-key", "maps.ts", `const key = "AIzaSyD-9tSrke72PouQMnMX-a7eZSW0jkFMBWY";`],
    ["npm-token", ".npmrc", `//registry.npmjs.org/:_authToken=npm_a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8`],
    ["gitlab-token", "Gitlab.java", `String token = "glpat-aBcDeFgHiJkLmNoPqRsT";`],
    ["generic", "db.go", `\tpassword := "f62e5bcda4fae4f82370da0c6f20697b8f8447ef"`],
    ["generic", "settings.py", `SECRET_KEY = 'd6s$f9g!j8mg7hw?n&2kq'`],
    ["generic", ".env", `API_KEY=Zx8vQ2mL9pR4tY7wK3nB6cD1`],
  ])("finds a %s in %s", (kind, file, line) => {
    const [finding] = findingsFor(RULE, file, [line]);
    expect(finding?.ruleId).toBe(`${RULE}/${kind}`);
  });

  it("finds a private key block only when key material follows the header", () => {
    expect(findingsFor(RULE, "key.go", ["var k = `-----BEGIN RSA PRIVATE KEY-----", "MIIBogIBAAJBALmK5PgFJMA3qE5mFvYBIeJTGnFRIkNPMl0vafKoHjCFxiLyc3SC"])[0]?.ruleId).toBe(`${RULE}/private-key`);
    expect(findingsFor(RULE, "scan.py", [`HEADER = "-----BEGIN RSA PRIVATE KEY-----"`, "def scan(text):"])).toEqual([]);
  });

  it.each([
    ["a documented AWS example key", "a.py", `aws_access_key = 'AKIAIOSFODNN7EXAMPLE'`],
    ["the documented AWS example secret", "a.py", `aws_secret_access_key = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'`],
    ["a placeholder", "a.js", `const password = "changeme";`],
    ["an angle-bracket placeholder", "a.js", `const token = "<your-token>";`],
    ["a template variable", "a.yml", "token: ${GITHUB_TOKEN}"],
    ["an environment lookup", "a.js", `const token = process.env.GITHUB_TOKEN;`],
    ["an os.environ lookup with a default", "a.py", `password = os.environ.get("DB_PASSWORD", "changeme")`],
    ["repeated characters", "a.go", `\tapiKey := "xxxxxxxxxxxxxxxxxxxxxxxx"`],
    ["a dictionary word", "a.go", `\tpassword := "secret"`],
    ["a config key name", "a.go", `\tConfigLearnerTokenAuth string = "learner_auth_token_config"`],
    ["a random value under a harmless name", "a.go", `\ttxnID := "3637cfcc1eec55a50f78a7c435914583ccbc75a21dec9a0e94dfa077647146d7"`],
    ["a Stripe test key (decided: ignored)", "a.rb", `Stripe.api_key = "sk_test_4eC39HqLyjWDarjtT1zdp7dc"`],
    ["a Slack webhook made of placeholders", "a.go", `\thook := "https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX"`],
  ])("stays quiet for %s", (_name, file, line) => {
    expect(findingsFor(RULE, file, [line])).toEqual([]);
  });

  it("redacts the secret in the evidence to a short prefix", () => {
    const token = "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";
    const [finding] = findingsFor(RULE, "a.py", [`TOKEN = "${token}"`]);
    expect(finding!.evidence).not.toContain(token);
    expect(finding!.evidence).toMatch(/ghp_wWPw…/);
    const [generic] = findingsFor(RULE, "db.go", [`\tpassword := "f62e5bcda4fae4f82370da0c6f20697b8f8447ef"`]);
    expect(generic!.evidence).not.toContain("f62e5bcda4fae4f82370da0c6f20697b8f8447ef");
  });

  it("reads only added lines, never context", () => {
    expect(findingsFor(RULE, "a.py", ["x = 1"], [`TOKEN = "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"`])).toEqual([]);
  });
});
