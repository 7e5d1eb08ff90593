import type { Role, ScopePaths } from '../access/policy.ts';

/** Who is making a request. Anonymous residents are actors too, with no role and no scope. */
export interface Actor {
  kind: 'anonymous' | 'session' | 'token' | 'system';
  userId: string | null;
  username: string | null;
  displayName: string | null;
  role: Role | null;
  orgId: string | null;
  /** Scope roots (region codes) and their materialised paths; `null` for the system itself. */
  scopeCodes: readonly string[];
  scopePaths: ScopePaths;
  sessionId: string | null;
  csrfToken: string | null;
}

export const anonymousActor: Actor = {
  kind: 'anonymous',
  userId: null,
  username: null,
  displayName: null,
  role: null,
  orgId: null,
  scopeCodes: [],
  scopePaths: [],
  sessionId: null,
  csrfToken: null,
};

/** The platform acting on its own (sweeps, seeding, the CLI). */
export const systemActor: Actor = {
  ...anonymousActor,
  kind: 'system',
  username: 'system',
  displayName: '系统',
  scopePaths: null,
};
