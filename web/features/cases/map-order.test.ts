import { describe, expect, it } from 'vitest';
import { inDrawingOrder } from './map-order.ts';

describe('the case map’s drawing order', () => {
  it('puts closed and rejected cases under the open ones, and overdue ones on top', () => {
    const f = (id: string, status: string, overdue = false) => ({ id, properties: { status, overdue } });
    const order = inDrawingOrder([f('a', 'reported'), f('b', 'closed'), f('c', 'dispatched', true), f('d', 'rejected'), f('e', 'handled'), f('g', 'closed')]);
    expect(order.map((x) => x.id)).toEqual(['b', 'd', 'g', 'a', 'e', 'c']);
  });
});
