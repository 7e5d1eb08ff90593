import { z } from 'zod';
import { ROLES } from '../access/policy.ts';
import { cursorParam, limitParam, regionCodeParam } from '../http/schemas.ts';

export const role = z.enum(ROLES);
export const username = z.string().regex(/^[a-zA-Z0-9_.-]{2,40}$/, '用户名为 2–40 位字母、数字、_ . - Username: 2–40 letters, digits, _ . -');

export const loginBody = z.strictObject({ username: z.string().min(1).max(80), password: z.string().min(1).max(200) });

export const userView = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  role,
  orgId: z.string().nullable(),
  phone: z.string().nullable(),
  disabled: z.boolean(),
  scopes: z.array(z.object({ code: z.string(), path: z.string() })),
  lastLoginAt: z.string().nullable(),
  createdAt: z.string(),
  version: z.number(),
});

export const loginResponse = z.object({ user: userView, csrfToken: z.string(), expiresAt: z.string() });
export const meResponse = z.object({ user: userView, csrfToken: z.string().nullable() });

export const createUserBody = z.strictObject({
  username,
  displayName: z.string().trim().min(1).max(60),
  password: z.string().min(1).max(200),
  role,
  scopes: z.array(regionCodeParam).min(1).max(20),
  orgId: z.string().max(60).nullable().optional(),
  phone: z.string().max(20).nullable().optional(),
});

export const updateUserBody = z.strictObject({
  version: z.number().int().min(1),
  displayName: z.string().trim().min(1).max(60).optional(),
  role: role.optional(),
  scopes: z.array(regionCodeParam).min(1).max(20).optional(),
  orgId: z.string().max(60).nullable().optional(),
  phone: z.string().max(20).nullable().optional(),
  disabled: z.boolean().optional(),
  password: z.string().min(1).max(200).optional(),
});

export const listUsersQuery = z.strictObject({ q: z.string().max(80).optional(), role: role.optional(), cursor: cursorParam, limit: limitParam });
export const idParams = z.strictObject({ id: z.string().min(1).max(60) });
export const tokenParams = z.strictObject({ id: z.string().min(1).max(60), tokenId: z.string().min(1).max(60) });
export const createTokenBody = z.strictObject({ name: z.string().trim().min(1).max(60) });
