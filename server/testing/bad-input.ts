import { expect } from 'vitest';
import { countRows, type Session, type TestApp } from './harness.ts';

export interface BadInputCase {
  name: string;
  payload: string;
  contentType: string;
  status: number;
  code: string;
}

/**
 * The bad-input matrix for a JSON write endpoint: malformed JSON, wrong types, unknown fields,
 * missing fields, an oversized body and a wrong content type each get their 4xx with the uniform
 * error body, and none of them changes a row in `tables`.
 */
export function badInputCases(valid: Record<string, unknown>, wrongType: Record<string, unknown>): BadInputCase[] {
  const json = 'application/json';
  return [
    { name: 'malformed JSON', payload: '{"name": "网格",', contentType: json, status: 400, code: 'malformed_json' },
    { name: 'wrong types', payload: JSON.stringify({ ...valid, ...wrongType }), contentType: json, status: 400, code: 'validation_failed' },
    { name: 'an unknown field', payload: JSON.stringify({ ...valid, sneaky: true }), contentType: json, status: 400, code: 'validation_failed' },
    { name: 'missing fields', payload: JSON.stringify({}), contentType: json, status: 400, code: 'validation_failed' },
    { name: 'an oversized body', payload: JSON.stringify({ ...valid, padding: 'x'.repeat(1_100_000) }), contentType: json, status: 413, code: 'payload_too_large' },
    { name: 'a wrong content type', payload: 'name=网格', contentType: 'text/plain', status: 415, code: 'unsupported_media_type' },
  ];
}

export async function expectRejectedWithoutWrites(
  t: TestApp,
  session: Session,
  request: { method: 'POST' | 'PATCH' | 'PUT'; url: string },
  badCase: BadInputCase,
  tables: readonly string[],
): Promise<void> {
  const before = await Promise.all(tables.map((table) => countRows(t, table)));
  const res = await session.request({ ...request, payload: badCase.payload, headers: { 'content-type': badCase.contentType } });
  expect(res.statusCode, `${badCase.name}: ${res.body.slice(0, 200)}`).toBe(badCase.status);
  const body = res.json() as { error: { code: string; message: string; details: unknown[] } };
  expect(body.error.code).toBe(badCase.code);
  expect(body.error.message.length).toBeGreaterThan(0);
  expect(Array.isArray(body.error.details)).toBe(true);
  const after = await Promise.all(tables.map((table) => countRows(t, table)));
  expect(after).toEqual(before);
}
