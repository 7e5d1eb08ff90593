/** What other parts of the app may use from the auth feature. */
export { useMe, meQuery, meQueryKey } from './api/get-me.ts';
export { useLogout } from './api/logout.ts';
export type { User, Role } from './types.ts';
export { ROLES, ROLE_LABELS } from './roles.ts';
