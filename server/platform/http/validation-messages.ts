import { z } from 'zod';

/**
 * Validation messages in Chinese first, then English, like every other message of the product.
 * A schema's own message (given where a rule is ours, such as a region code) still wins; this only
 * replaces the library's defaults ("Too small: expected string to have >=2 characters").
 * Imported for its effect by the shared request schemas, so every schema parses with it.
 */
const chinese = z.locales.zhCN().localeError;
const english = z.locales.en().localeError;

function text(result: ReturnType<typeof chinese>): string | undefined {
  return typeof result === 'string' ? result : result?.message;
}

z.config({
  localeError: (issue) => {
    const zh = text(chinese(issue));
    const en = text(english(issue));
    return zh && en ? `${zh} ${en}` : (zh ?? en);
  },
});
