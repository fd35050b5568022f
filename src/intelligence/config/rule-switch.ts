/**
 * Whether a rule runs under `review.rules`. Keys are rule ids (`quality/todo`), prefixes
 * (`security/hardcoded-secret`) or prefixes with `/*` (`security/*`); the most specific key wins, and a
 * rule nobody mentions is on.
 */
export function createRuleSwitch(rules: Record<string, boolean | "on" | "off">): (ruleId: string) => boolean {
  const entries = Object.entries(rules)
    .map(([key, value]) => ({ prefix: key.replace(/\/\*$/, ""), on: value === true || value === "on" }))
    .sort((a, b) => b.prefix.length - a.prefix.length);
  return (ruleId) => {
    const match = entries.find(({ prefix }) => prefix === "*" || ruleId === prefix || ruleId.startsWith(`${prefix}/`));
    return match ? match.on : true;
  };
}
