import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { en, type MessageKey } from './messages-en.js';
import { ko } from './messages-ko.js';

export type Language = 'ko' | 'en';
const DICTIONARIES: Record<Language, Record<MessageKey, string>> = { ko, en };
const STORAGE_KEY = 'jaju.language';

/** Korean when the browser prefers it (navigator.language "ko…"), unless the operator chose otherwise. */
export function initialLanguage(): Language {
  try {
    const stored = window.localStorage.getItem(STORAGE_KEY);
    if (stored === 'ko' || stored === 'en') return stored;
  } catch {
    // storage blocked: fall back to the browser's preference
  }
  return navigator.language.toLowerCase().startsWith('ko') ? 'ko' : 'en';
}

export type Translate = (key: MessageKey, values?: Record<string, string | number>) => string;

interface I18nValue {
  language: Language;
  setLanguage(language: Language): void;
  t: Translate;
  /** Locale for number and date formatting. */
  locale: string;
}

const I18nContext = createContext<I18nValue | null>(null);

export function I18nProvider({ children }: { children: ReactNode }) {
  const [language, setLanguageState] = useState<Language>(initialLanguage);
  const setLanguage = useCallback((next: Language) => {
    setLanguageState(next);
    document.documentElement.lang = next;
    try {
      window.localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // not persisted: fine
    }
  }, []);
  const value = useMemo<I18nValue>(() => {
    const dictionary = DICTIONARIES[language];
    const t: Translate = (key, values) => {
      const template = dictionary[key] ?? en[key] ?? key;
      if (!values) return template;
      return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
    };
    document.documentElement.lang = language;
    return { language, setLanguage, t, locale: language === 'ko' ? 'ko-KR' : 'en-GB' };
  }, [language, setLanguage]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18nValue {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n outside I18nProvider');
  return value;
}
