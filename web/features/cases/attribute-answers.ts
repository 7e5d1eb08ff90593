/** One of a category's extra questions, as the categories API gives it. */
export interface AttributeQuestion {
  code: string;
  description: string;
  order: number;
  values?: { key: string; name: string }[];
}

/**
 * A case's answers as people read them: each question by its wording and each chosen value by its
 * name (a multi-value answer is comma-separated keys), in the questions' order. Answers to
 * questions the category no longer asks keep their code.
 */
export function readableAnswers(
  questions: readonly AttributeQuestion[],
  answers: Readonly<Record<string, string>>,
  /** Each wording and name in the reader's language, when written in both. */
  text: (wording: string) => string = (wording) => wording,
): { label: string; value: string }[] {
  const byCode = new Map(questions.map((q) => [q.code, q]));
  const order = (code: string) => byCode.get(code)?.order ?? Number.MAX_SAFE_INTEGER;
  return Object.entries(answers)
    .filter(([, value]) => value !== '')
    .sort(([a], [b]) => order(a) - order(b) || a.localeCompare(b))
    .map(([code, value]) => {
      const question = byCode.get(code);
      const names = new Map((question?.values ?? []).map((v) => [v.key, v.name]));
      const shown = names.size > 0 ? value.split(',').map((key) => text(names.get(key.trim()) ?? key.trim())).join('、') : value;
      return { label: question ? text(question.description) : code, value: shown };
    });
}
