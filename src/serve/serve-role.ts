/** What one `jaju serve` process runs (docs/architecture.md): the data plane, the console, or both. */
export const SERVE_ROLES = ['all', 'gateway', 'console'] as const;
export type ServeRole = (typeof SERVE_ROLES)[number];

export function isServeRole(value: unknown): value is ServeRole {
  return typeof value === 'string' && (SERVE_ROLES as readonly string[]).includes(value);
}

/** Does a process of `role` serve `part`? */
export function serveRoleIncludes(role: ServeRole, part: 'gateway' | 'console'): boolean {
  return role === 'all' || role === part;
}
