import picomatch from "picomatch";

/**
 * Returns the first glob a path matches, or null. One matcher per glob so a skipped file can say which
 * pattern skipped it. A glob without a slash (`*.min.js`) matches the file name at any depth, as
 * .gitignore readers expect; it is tested against the base name here because picomatch's own `basename`
 * mode both breaks globs with slashes and costs a split per test.
 */
export function createPathMatcher(globs: string[]): (path: string) => string | null {
  const matchers = globs.map((glob) => ({
    glob,
    onName: !glob.includes("/"),
    test: picomatch(glob, { dot: true, windows: false }),
  }));
  // One combined test first: most paths match nothing, and only a match needs to know which glob it was.
  const names = picomatch(matchers.filter((m) => m.onName).map((m) => m.glob), { dot: true, windows: false });
  const paths = picomatch(matchers.filter((m) => !m.onName).map((m) => m.glob), { dot: true, windows: false });
  const hasNames = matchers.some((m) => m.onName);
  const hasPaths = matchers.some((m) => !m.onName);
  return (path) => {
    const name = path.slice(path.lastIndexOf("/") + 1);
    if (!(hasNames && names(name)) && !(hasPaths && paths(path))) return null;
    return matchers.find(({ onName, test }) => test(onName ? name : path))?.glob ?? null;
  };
}
