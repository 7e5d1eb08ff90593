import type { z } from 'zod';
import type { createUserBody, updateUserBody } from '../../../server/platform/auth/schema.ts';
import type { Role, User } from '../auth/index.ts';

export type { Role, User };

export type CreateUserInput = z.infer<typeof createUserBody>;
export type UpdateUserInput = z.infer<typeof updateUserBody>;

export interface UserPage {
  items: User[];
  nextCursor: string | null;
}

/** Rows of GET /users/ID/tokens (the route has no response schema; these are its columns). */
export interface ApiTokenRow {
  id: string;
  name: string;
  prefix: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

export interface CreatedToken {
  id: string;
  name: string;
  /** The secret, shown exactly once. */
  token: string;
}
