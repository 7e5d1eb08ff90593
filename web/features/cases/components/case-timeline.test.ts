import { describe, expect, it } from 'vitest';
import { actorText } from './case-timeline.tsx';

describe('who acted on a case', () => {
  it('names the person and their role once', () => {
    expect(actorText('系统', '系统')).toBe('系统');
    expect(actorText('怡湖社区网格员', '网格员')).toBe('怡湖社区网格员');
    expect(actorText('张三', '村（社区）干部')).toBe('张三 · 村（社区）干部');
    expect(actorText(null, '上报人')).toBe('上报人');
  });
});
