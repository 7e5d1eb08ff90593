import { useCallback, useSyncExternalStore } from 'react';

/**
 * A deliberately tiny i18n: Chinese first, English on request. Each feature keeps its own
 * dictionary beside its code (`defineMessages`), so adding a module never touches a central file.
 */
export type Lang = 'zh' | 'en';
export interface Bilingual {
  zh: string;
  en: string;
}

const STORAGE_KEY = 'gongzhi.lang';

function initialLang(): Lang {
  try {
    return globalThis.localStorage?.getItem(STORAGE_KEY) === 'en' ? 'en' : 'zh';
  } catch {
    return 'zh';
  }
}

let current: Lang = initialLang();
const listeners = new Set<() => void>();

/** The language outside React (the API client uses it for `Accept-Language` and its own messages). */
export function currentLang(): Lang {
  return current;
}

export function setLang(lang: Lang): void {
  if (lang === current) return;
  current = lang;
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, lang);
  } catch {
    // Private browsing may refuse storage; the choice then lasts for this page only.
  }
  if (typeof document !== 'undefined') document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function pickLang(text: Bilingual, lang: Lang = current): string {
  return lang === 'zh' ? text.zh : text.en || text.zh;
}

/**
 * A text written in both languages in one string, Chinese then English ("隐患等级 Hazard level", as
 * an admin types a question's wording): the part for the language. Anything else comes back whole.
 */
export function pickMixed(text: string, lang: Lang = current): string {
  const match = /^([^A-Za-z]*[\u3400-\u9fff][^A-Za-z]*?)\s+([A-Za-z][^\u3400-\u9fff]*)$/.exec(text.trim());
  if (!match) return text;
  return lang === 'zh' ? match[1]! : match[2]!;
}

export function useLang() {
  const lang = useSyncExternalStore(subscribe, currentLang, currentLang);
  const pick = useCallback((text: Bilingual) => pickLang(text, lang), [lang]);
  const mixed = useCallback((text: string) => pickMixed(text, lang), [lang]);
  return { lang, setLang, pick, mixed };
}

/** A feature's dictionary: the English table must have exactly the Chinese table's keys. */
export interface Messages<K extends string> {
  zh: Record<K, string>;
  en: Record<K, string>;
}

export function defineMessages<K extends string>(zh: Record<K, string>, en: NoInfer<Record<K, string>>): Messages<K> {
  return { zh, en };
}

type Vars = Record<string, string | number>;

/** Replace `{name}` placeholders. */
export function interpolate(template: string, vars?: Vars): string {
  if (!vars) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}

export function translate<K extends string>(messages: Messages<K>, lang: Lang, key: K, vars?: Vars): string {
  return interpolate(messages[lang][key], vars);
}

/** `const t = useT(messages); t('title')` — re-renders when the language changes. */
export function useT<K extends string>(messages: Messages<K>) {
  const { lang } = useLang();
  return useCallback((key: K, vars?: Vars) => translate(messages, lang, key, vars), [messages, lang]);
}
