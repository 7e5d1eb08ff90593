import { describe, expect, test } from 'vitest';
import { defineMessages, interpolate, pickLang, pickMixed, translate } from './i18n.tsx';

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

  test('splits a text written in both languages in one string, and leaves any other whole', () => {
    expect(pickMixed('隐患等级 Hazard level', 'zh')).toBe('隐患等级');
    expect(pickMixed('隐患等级 Hazard level', 'en')).toBe('Hazard level');
    expect(pickMixed('涉及人数（人） People involved', 'en')).toBe('People involved');
    for (const whole of ['隐患等级', 'Hazard level', 'PM2.5 超标', '事件 QBJ-20261129-000009 已派遣']) {
      expect(pickMixed(whole, 'zh')).toBe(whole);
      expect(pickMixed(whole, 'en')).toBe(whole);
    }
  });
});
