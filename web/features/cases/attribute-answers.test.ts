import { describe, expect, it } from 'vitest';
import { pickMixed } from '../../lib/i18n.tsx';
import { readableAnswers } from './attribute-answers.ts';

describe('a case’s answers to its category’s questions', () => {
  const questions = [
    { code: 'people', description: '涉及人数', order: 2 },
    { code: 'hazard_level', description: '隐患等级', order: 1, values: [{ key: '1', name: '一般' }, { key: '2', name: '较大' }] },
    { code: 'kinds', description: '隐患类型', order: 3, values: [{ key: 'fire', name: '消防' }, { key: 'gas', name: '燃气' }] },
  ];
  it('reads each question by its wording and each value by its name, in order', () => {
    expect(readableAnswers(questions, { people: '3', hazard_level: '2', kinds: 'fire,gas' })).toEqual([
      { label: '隐患等级', value: '较大' },
      { label: '涉及人数', value: '3' },
      { label: '隐患类型', value: '消防、燃气' },
    ]);
  });
  it('keeps the code of a question no longer asked, and skips empty answers', () => {
    expect(readableAnswers(questions, { old_question: 'yes', people: '' })).toEqual([{ label: 'old_question', value: 'yes' }]);
  });
  it('words questions and answers written in both languages in the reader’s one', () => {
    const both = [{ code: 'hazard_level', description: '隐患等级 Hazard level', order: 1, values: [{ key: '2', name: '较大 Serious' }, { key: '3', name: '紧急 Urgent' }] }];
    expect(readableAnswers(both, { hazard_level: '2,3' }, (text) => pickMixed(text, 'en'))).toEqual([{ label: 'Hazard level', value: 'Serious、Urgent' }]);
    expect(readableAnswers(both, { hazard_level: '2' }, (text) => pickMixed(text, 'zh'))).toEqual([{ label: '隐患等级', value: '较大' }]);
  });
});
