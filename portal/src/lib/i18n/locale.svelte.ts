import { en } from './en';
import { zhCN, type Dictionary, type MessageKey } from './zh-CN';

export const LOCALES = ['zh-CN', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'zh-CN';
export const STORAGE_KEY = 'cocreate.locale';

const dictionaries: Record<Locale, Dictionary> = { 'zh-CN': zhCN, en };

/** Names inside `{…}` in a message, from the zh-CN source text. */
type Placeholders<S extends string> = S extends `${string}{${infer Name}}${infer Rest}`
  ? Name | Placeholders<Rest>
  : never;

/** A message with placeholders requires its params; one without takes none. */
export type MessageArgs<K extends MessageKey> = [Placeholders<(typeof zhCN)[K]>] extends [never]
  ? []
  : [params: Record<Placeholders<(typeof zhCN)[K]>, string | number>];

/** Keys whose messages take no params. */
export type PlainMessageKey = { [K in MessageKey]: MessageArgs<K> extends [] ? K : never }[MessageKey];

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

function storedLocale(): Locale {
  try {
    const value = globalThis.localStorage?.getItem(STORAGE_KEY);
    return isLocale(value) ? value : DEFAULT_LOCALE;
  } catch {
    return DEFAULT_LOCALE; // storage blocked (private mode, sandboxed frame)
  }
}

const state = $state<{ locale: Locale }>({ locale: storedLocale() });

export function getLocale(): Locale {
  return state.locale;
}

/** Switches every `t()` on screen, remembers the choice and keeps <html lang> in step. */
export function setLocale(locale: Locale): void {
  state.locale = locale;
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, locale);
  } catch {
    // The choice then lasts for this visit only.
  }
  syncDocumentLang();
}

export function syncDocumentLang(): void {
  if (typeof document !== 'undefined') document.documentElement.lang = state.locale;
}

export function interpolate(template: string, params: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.hasOwn(params, name) ? String(params[name]) : whole,
  );
}

/** The message for `key` in the current locale; reactive wherever it is read in a template. */
export function t<K extends MessageKey>(key: K, ...args: MessageArgs<K>): string {
  return interpolate(dictionaries[state.locale][key], args[0]);
}

export function formatNumber(value: number, options?: Intl.NumberFormatOptions): string {
  return new Intl.NumberFormat(state.locale, options).format(value);
}

/** Floor areas are recorded to two decimals; always show both. */
export function formatArea(value: number): string {
  return formatNumber(value, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}

export function formatDate(value: Date, options: Intl.DateTimeFormatOptions): string {
  return new Intl.DateTimeFormat(state.locale, options).format(value);
}
