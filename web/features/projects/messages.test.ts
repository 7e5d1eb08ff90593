import { describe, expect, it } from 'vitest';
import { FUNDING_LABELS as SERVER_FUNDING_LABELS } from '../../../server/modules/projects/domain.ts';
import { FUNDING_LABELS } from './messages.ts';

// The web keeps its own copy (the bundle takes nothing from the server but the role table); the
// server's labels name the same sources in exports and audit, so the two must not drift apart.
describe('funding source labels', () => {
  it('are the server’s, source for source', () => {
    expect(FUNDING_LABELS).toEqual(SERVER_FUNDING_LABELS);
  });
});
