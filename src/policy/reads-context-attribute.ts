/**
 * Whether a policy (Cedar's JSON form, from policyToJson) can depend on the context attribute `name`.
 * Conservative: any access to an attribute of that name counts, and so does any use of `context` as a
 * whole value (e.g. compared with a record), because the whole record includes the attribute.
 *
 * The engine uses it to leave finding counts out of its cache key when no loaded policy reads them:
 * a verdict cannot then depend on the counts, so requests that differ only in counts share an entry.
 */
export function readsContextAttribute(policy: unknown, name: string): boolean {
  return visit(policy, name, false);
}

function visit(node: unknown, name: string, isAccessTarget: boolean): boolean {
  if (Array.isArray(node)) return node.some((item) => visit(item, name, false));
  if (typeof node !== 'object' || node === null) return false;
  const record = node as Record<string, unknown>;
  if (record['Var'] === 'context' && !isAccessTarget) return true;
  for (const [key, value] of Object.entries(record)) {
    if ((key === '.' || key === 'has') && typeof value === 'object' && value !== null) {
      const access = value as { left?: unknown; attr?: unknown };
      const attrs = Array.isArray(access.attr) ? access.attr : [access.attr];
      if (attrs.includes(name)) return true;
      if (visit(access.left, name, true)) return true;
      continue;
    }
    if (visit(value, name, false)) return true;
  }
  return false;
}
