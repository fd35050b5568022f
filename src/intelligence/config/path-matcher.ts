import picomatch from "picomatch";

/**
 * Returns the first glob a path matches, or null. One matcher per glob so a skipped file can say which
 * pattern skipped it. `basename` lets `*.min.js` match at any depth, as .gitignore readers expect.
 */
export function createPathMatcher(globs: string[]): (path: string) => string | null {
  // picomatch's basename mode breaks globs that contain a slash, so it is set only for those without one.
  const matchers = globs.map((glob) => ({
    glob,
    test: picomatch(glob, { dot: true, basename: !glob.includes("/"), windows: false }),
  }));
  return (path) => matchers.find(({ test }) => test(path))?.glob ?? null;
}
