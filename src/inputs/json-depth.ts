/** A node's nested values (an object's property values, an array's items), or undefined for a leaf. */
export type ChildrenOf = (node: unknown) => readonly unknown[] | undefined;

const jsonChildren: ChildrenOf = (value) => (typeof value === "object" && value !== null ? Object.values(value) : undefined);

/**
 * Whether `value` nests objects or arrays more than `maxDepth` levels deep (`{}` and `[]` are 1 level).
 * It walks an explicit stack instead of recursing, so an input thousands of levels deep cannot overflow the
 * call stack here, and stops at the first level past the limit. `childrenOf` lets a GraphQL literal be
 * walked the same way. Hand-written because no maintained library offers a bounded, non-recursive check.
 */
export function exceedsJsonDepth(value: unknown, maxDepth: number, childrenOf: ChildrenOf = jsonChildren): boolean {
  const stack: [node: unknown, depth: number][] = [[value, 1]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    const children = childrenOf(node);
    if (children === undefined) continue;
    if (depth > maxDepth) return true;
    for (const child of children) stack.push([child, depth + 1]);
  }
  return false;
}
