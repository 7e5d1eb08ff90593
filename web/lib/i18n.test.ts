import { describe, expect, test } from 'vitest';
import { defineMessages, interpolate, pickLang, translate } from './i18n.tsx';

describe('i18n', () => {
  const messages = defineMessages({ hello: '你好，{name}', count: '共 {n} 条' }, { hello: 'Hello, {name}', count: '{n} in total' });

  test('translates by language and fills placeholders', () => {
    expect(translate(messages, 'zh', 'hello', { name: '张三' })).toBe('你好，张三');
    expect(translate(messages, 'en', 'count', { n: 83 })).toBe('83 in total');
  });

  test('leaves unknown placeholders visible rather than blank', () => {
    expect(interpolate('{a} and {b}', { a: 1 })).toBe('1 and {b}');
  });

  test('picks a bilingual label, falling back to Chinese when the English is empty', () => {
    expect(pickLang({ zh: '个', en: '' }, 'en')).toBe('个');
    expect(pickLang({ zh: '网格', en: 'Grid' }, 'en')).toBe('Grid');
  });
});
