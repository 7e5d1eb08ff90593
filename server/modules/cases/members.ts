/**
 * The grid module's members, as cases see them: who a case can be dispatched to, and which member
 * a signed-in grid worker is. Everything goes through the grid service.
 */
import type { Actor } from '../../platform/auth/actor.ts';
import type { AppContext } from '../../platform/module.ts';
import { listCandidates, memberIdOfUser, type Candidate, type ForceType as GridForceType } from '../grid/service.ts';
import type { ForceType } from './domain.ts';
import type { Person } from './domain.ts';

// The categories' force types are the grid's force types: a compile error here means they drifted apart.
const sameForceTypes: [ForceType] extends [GridForceType] ? ([GridForceType] extends [ForceType] ? true : false) : false = true;
void sameForceTypes;

export type { Candidate };

export async function candidatesFor(ctx: AppContext, microGridCode: string, forceType: ForceType): Promise<Candidate[]> {
  return listCandidates(ctx, microGridCode, forceType);
}

export async function memberIdOf(ctx: AppContext, actor: Actor): Promise<string | null> {
  if (!actor.userId || actor.role === null) return null;
  return memberIdOfUser(ctx, actor.userId);
}

/** The domain's view of a signed-in actor, with their grid member record. */
export async function personOf(ctx: AppContext, actor: Actor): Promise<Person> {
  return {
    role: actor.role,
    userId: actor.userId,
    scopeCodes: actor.scopeCodes,
    scopePaths: actor.scopePaths,
    memberId: await memberIdOf(ctx, actor),
  };
}
