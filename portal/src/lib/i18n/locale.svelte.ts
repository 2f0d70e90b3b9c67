import type { Dictionary, MessageKey, zhCN } from './zh-CN';

export const LOCALES = ['zh-CN', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'zh-CN';
export const STORAGE_KEY = 'cocreate.locale';

/**
 * Each language is its own chunk, fetched when it is first needed (the root layout loads the
 * reader's before the first screen): a page carries one dictionary, not both (#15).
 */
const loaders: Record<Locale, () => Promise<Dictionary>> = {
  'zh-CN': () => import('./zh-CN').then((m) => m.zhCN),
  en: () => import('./en').then((m) => m.en),
};
const dictionaries = $state.raw<Partial<Record<Locale, Dictionary>>>({});
// Bookkeeping of fetches in flight, never read by a template: a plain Map, not a reactive one.
// eslint-disable-next-line svelte/prefer-svelte-reactivity
const loading = new Map<Locale, Promise<void>>();

/** Fetches a language's messages once; later calls wait for the same fetch. */
export function loadLocale(locale: Locale): Promise<void> {
  let pending = loading.get(locale);
  if (!pending) {
    pending = loaders[locale]().then(
      (dictionary) => {
        dictionaries[locale] = dictionary;
      },
      (error: unknown) => {
        loading.delete(locale); // a dropped connection: the next attempt fetches again
        throw error;
      },
    );
    loading.set(locale, pending);
  }
  return pending;
}

/** Names inside `{…}` in a message, from the zh-CN source text. */
type Placeholders<S extends string> = S extends `${string}{${infer Name}}${infer Rest}` ? Name | Placeholders<Rest> : never;

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

/** Fetches the language if need be, then switches to it (the language switch). */
export async function switchLocale(locale: Locale): Promise<void> {
  await loadLocale(locale);
  setLocale(locale);
}

/** Switches every `t()` on screen, remembers the choice and keeps <html lang> in step; the language must be loaded. */
export function setLocale(locale: Locale): void {
  if (!dictionaries[locale]) throw new Error(`The ${locale} messages are not loaded: call loadLocale first.`);
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
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (Object.hasOwn(params, name) ? String(params[name]) : whole));
}

/** Whether `key` names a message (both languages have the same keys; the bilingual test checks it). */
export function hasMessage(key: string): key is MessageKey {
  const dictionary = dictionaries[state.locale];
  return dictionary !== undefined && Object.hasOwn(dictionary, key);
}

/** The message for `key` in the current locale; reactive wherever it is read in a template. */
export function t<K extends MessageKey>(key: K, ...args: MessageArgs<K>): string {
  const dictionary = dictionaries[state.locale];
  // Only before the root layout has loaded the reader's language (never on a screen): the key.
  return dictionary ? interpolate(dictionary[key], args[0]) : key;
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
