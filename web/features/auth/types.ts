import type { z } from 'zod';
import type { loginResponse, meResponse, userView } from '../../../server/platform/auth/schema.ts';
import type { Role } from '../../../server/platform/access/policy.ts';

/** Types come from the server's zod schemas: one schema per boundary, no hand-written copies. */
export type User = z.infer<typeof userView>;
export type LoginResponse = z.infer<typeof loginResponse>;
export type MeResponse = z.infer<typeof meResponse>;
export type { Role };
