import { describe, expect, test } from 'vitest';
import { baseUrl } from './browser.ts';

describe('the served web client', () => {
  // The test runner itself sets NODE_ENV=test; the bundle it builds and serves must still be React's production build.
  test('is the production bundle', async () => {
    const index = await (await fetch(`${baseUrl()}/`)).text();
    const scripts = [...index.matchAll(/<(?:script|link)[^>]+(?:src|href)="(\/assets\/[^"]+\.js)"/g)].map((m) => m[1]!);
    expect(scripts.length).toBeGreaterThan(0);
    for (const path of scripts) {
      const code = await (await fetch(`${baseUrl()}${path}`)).text();
      expect(code, path).not.toContain('jsxDEV');
    }
  });
});
