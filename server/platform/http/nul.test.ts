import { describe, expect, it } from 'vitest';
import { nulPath } from './nul.ts';

describe('NUL characters in a request', () => {
  it('are found in strings and keys at any depth, with their path', () => {
    expect(nulPath({ name: 'a\u0000b' }, 'body')).toBe('body.name');
    expect(nulPath({ list: [{ ok: 'x' }, { bad: '\u0000' }] }, 'body')).toBe('body.list.1.bad');
    expect(nulPath({ 'k\u0000': 1 }, 'query')).toBe('query');
    expect(nulPath('\u0000', 'params')).toBe('params');
  });
  it('are not found where there are none, however deep the nesting', () => {
    expect(nulPath({ name: '网格', n: 1, ok: true, none: null }, 'body')).toBeNull();
    let deep: unknown = 'end';
    for (let i = 0; i < 200_000; i++) deep = [deep];
    expect(nulPath(deep, 'body')).toBeNull();
  });
});
