/** Roles and their names come from the server's access policy (a pure module), never a copy. */
export { ROLES, ROLE_LABELS } from '../../../server/platform/access/policy.ts';
