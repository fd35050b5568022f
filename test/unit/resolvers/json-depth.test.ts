import { describe, expect, it } from "vitest";
import { exceedsJsonDepth } from "../../../src/inputs/json-depth";

const nestedObjects = (levels: number) => JSON.parse(`${'{"a":'.repeat(levels - 1)}{}${"}".repeat(levels - 1)}`);
const nestedArrays = (levels: number) => JSON.parse(`${"[".repeat(levels)}${"]".repeat(levels)}`);

describe("exceedsJsonDepth", () => {
  it("counts a bare object or array as one level and scalars as none", () => {
    expect(exceedsJsonDepth({}, 1)).toBe(false);
    expect(exceedsJsonDepth([], 1)).toBe(false);
    expect(exceedsJsonDepth({ a: 1, b: "x", c: null }, 1)).toBe(false);
    expect(exceedsJsonDepth({ a: {} }, 1)).toBe(true);
    expect(exceedsJsonDepth("text", 0)).toBe(false);
  });

  it("accepts exactly the limit and refuses one level more, for objects and arrays alike", () => {
    for (const nested of [nestedObjects, nestedArrays]) {
      expect(exceedsJsonDepth(nested(32), 32)).toBe(false);
      expect(exceedsJsonDepth(nested(33), 32)).toBe(true);
    }
  });

  it("finds the one deep branch among shallow ones", () => {
    expect(exceedsJsonDepth({ a: 1, b: [1, 2, { c: "x" }], d: { e: nestedArrays(40) } }, 32)).toBe(true);
    expect(exceedsJsonDepth({ a: 1, b: [1, 2, { c: "x" }], d: { e: nestedArrays(30) } }, 32)).toBe(false);
  });

  it("measures values far deeper than the call stack allows without overflowing", () => {
    expect(exceedsJsonDepth(nestedArrays(200_000), 32)).toBe(true);
  });
});
