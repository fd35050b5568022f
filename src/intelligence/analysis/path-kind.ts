/** What a changed path is, for grouping, risk and the quality heuristics. First match wins. */
export type PathKind = "tests" | "ci" | "dependencies" | "docs" | "config" | "source" | "other";

const TESTS = /(?:^|\/)(?:tests?|__tests__|spec|specs|e2e|testdata|fixtures?)\/|(?:^|\/)test_[^/]+\.py$|_test\.(?:go|py)$|\.(?:test|spec)\.[cm]?[jt]sx?$|_spec\.rb$|Tests?\.java$|Test\.php$/i;
const CI = /^\.github\/(?:workflows|actions)\/|^\.gitlab-ci\.yml$|^\.circleci\/|^Jenkinsfile$|^\.buildkite\/|^azure-pipelines\.yml$/;
const DEPENDENCIES = /(?:^|\/)(?:package(?:-lock)?\.json|npm-shrinkwrap\.json|yarn\.lock|pnpm-lock\.yaml|requirements[^/]*\.txt|Pipfile(?:\.lock)?|poetry\.lock|pyproject\.toml|go\.(?:mod|sum)|Gemfile(?:\.lock)?|composer\.(?:json|lock)|pom\.xml|build\.gradle(?:\.kts)?|Cargo\.(?:toml|lock))$/;
const DOCS = /\.(?:md|mdx|rst|adoc|txt)$|(?:^|\/)docs?\//i;
const CONFIG = /\.(?:ya?ml|toml|ini|cfg|conf|json|env|properties)$|(?:^|\/)(?:Dockerfile|Makefile|\.[\w-]+rc)$|^\.github\//i;
const SOURCE = /\.(?:[cm]?[jt]sx?|py|go|java|kt|rb|php|rs|c|cc|cpp|h|hpp|cs|swift|scala|vue|svelte|erb)$/i;

export function pathKind(path: string): PathKind {
  if (TESTS.test(path)) return "tests";
  if (CI.test(path)) return "ci";
  if (DEPENDENCIES.test(path)) return "dependencies";
  if (DOCS.test(path)) return "docs";
  if (CONFIG.test(path)) return "config";
  if (SOURCE.test(path)) return "source";
  return "other";
}

/** Files whose job is to print: command-line entry points, scripts, examples, benchmarks. */
export function isScriptPath(path: string): boolean {
  return /(?:^|\/)(?:scripts?|bin|cmd|cli|tools?|examples?|demos?|benchmarks?|bench)\/|(?:^|\/)(?:cli|main|__main__|manage|setup)\.\w+$|\.(?:sh|bash)$/i.test(path);
}
