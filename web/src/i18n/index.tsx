// Language switch (nl default, en) remembered in localStorage, and t() for messages.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { nl, type MessageKey } from './nl';
import { en } from './en';
import { setRequestLanguage } from '../api/client';

export type Lang = 'nl' | 'en';
export type Vars = Record<string, string | number>;
export type T = (key: MessageKey, vars?: Vars) => string;

const STORAGE_KEY = 'kansrijk.lang';
const catalogues: Record<Lang, Record<MessageKey, string>> = { nl, en };

// The language in use right now, for code outside React (the API client's Accept-Language,
// field errors turned into text when a request fails). The provider keeps it current.
let current: Lang = 'nl';

/** The UI language in use right now. */
export function currentLang(): Lang {
  return current;
}

function use(lang: Lang): Lang {
  current = lang;
  setRequestLanguage(lang);
  return lang;
}

function initialLang(): Lang {
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    if (stored === 'nl' || stored === 'en') return stored;
  } catch {
    /* storage blocked: fall back to Dutch */
  }
  return 'nl';
}

export function interpolate(text: string, vars?: Vars): string {
  if (!vars) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}

interface I18n {
  lang: Lang;
  setLang: (lang: Lang) => void;
  t: T;
}

const I18nContext = createContext<I18n | null>(null);

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(() => use(initialLang()));
  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);
  const setLang = useCallback((next: Lang) => {
    setLangState(use(next));
    try {
      localStorage.setItem(STORAGE_KEY, next);
    } catch {
      /* not remembered, still switched */
    }
  }, []);
  const t = useCallback<T>((key, vars) => interpolate(catalogues[lang][key] ?? key, vars), [lang]);
  const value = useMemo(() => ({ lang, setLang, t }), [lang, setLang, t]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const ctx = useContext(I18nContext);
  if (!ctx) throw new Error('useI18n outside I18nProvider');
  return ctx;
}

export type { MessageKey };
