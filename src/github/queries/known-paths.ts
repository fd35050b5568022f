/**
 * Where GitHub looks for CODEOWNERS, in its order of precedence, by the alias each gets in CODEOWNERS_QUERY.
 * @see https://docs.github.com/en/repositories/managing-your-repositorys-settings-and-features/customizing-your-repository/about-code-owners#codeowners-file-location
 */
export const CODEOWNERS_PATHS = {
  dotGithub: ".github/CODEOWNERS",
  root: "CODEOWNERS",
  docs: "docs/CODEOWNERS",
} as const;

/**
 * Where a README is found, by the alias each gets in README_QUERY: GitHub shows the one in `.github`,
 * then the root, then `docs`; within a folder, the usual spellings.
 * @see https://docs.github.com/en/repositories/managing-your-repositorys-settings-and-features/customizing-your-repository/about-readmes
 */
export const README_PATHS = {
  dotGithubReadmeMd: ".github/README.md",
  readmeMd: "README.md",
  readmeLowerMd: "readme.md",
  readmeTitleMd: "Readme.md",
  readmeMarkdown: "README.markdown",
  readmeRst: "README.rst",
  readmeTxt: "README.txt",
  readme: "README",
  docsReadmeMd: "docs/README.md",
} as const;

/** Paths whose history one PATH_AUTHORS_QUERY reads, each under its own alias; more paths take more queries. */
export const PATH_AUTHORS_PER_QUERY = 10;
