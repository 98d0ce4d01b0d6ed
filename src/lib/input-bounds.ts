/**
 * How much a JSON value asks of the server: its nesting depth and its number of values.
 * GraphQL variables escape the token limit (it counts the query text only), and Strapi turns
 * a filter nested a thousand `not`s deep, or an `or` of 20,000 terms, into one SQL statement
 * that stalls the process. Counting stops as soon as a limit is passed, so an oversized value
 * costs no more than the limit to refuse.
 */
export interface InputLimits {
  maxDepth: number;
  maxValues: number;
}

export type InputVerdict = { ok: true } | { ok: false; reason: 'depth' | 'values' };

export function checkInput(value: unknown, limits: InputLimits): InputVerdict {
  let values = 0;
  // An explicit stack: a deep value must not overflow the call stack while being measured.
  const stack: Array<[unknown, number]> = [[value, 0]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (++values > limits.maxValues) return { ok: false, reason: 'values' };
    if (node === null || typeof node !== 'object') continue;
    if (depth + 1 > limits.maxDepth) return { ok: false, reason: 'depth' };
    for (const child of Array.isArray(node) ? node : Object.values(node)) stack.push([child, depth + 1]);
  }
  return { ok: true };
}
