import { AppError } from './errors.ts';

/**
 * Where in a request's params, query or body a string (or an object key) holds the NUL character,
 * as a dotted path; null when none does. PostgreSQL cannot store NUL in text, so such input is
 * refused at the door with a 400 rather than failing in the database. Walks without recursion, so
 * a deeply nested body cannot exhaust the stack.
 */
export function nulPath(root: unknown, rootName: string): string | null {
  const stack: [unknown, string][] = [[root, rootName]];
  while (stack.length > 0) {
    const [value, path] = stack.pop()!;
    if (typeof value === 'string') {
      if (value.includes('\u0000')) return path;
    } else if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) stack.push([value[i], `${path}.${i}`]);
    } else if (value !== null && typeof value === 'object' && !Buffer.isBuffer(value)) {
      for (const [key, inner] of Object.entries(value)) {
        if (key.includes('\u0000')) return path;
        stack.push([inner, `${path}.${key}`]);
      }
    }
  }
  return null;
}

/** The 400 for text holding NUL at `path`. */
export const nulRefused = (path: string) =>
  new AppError(400, 'validation_failed', '文字中不能含有空字符（U+0000） Text may not contain the NUL character', [{ path, message: 'NUL character' }]);
