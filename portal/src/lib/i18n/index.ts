export {
  DEFAULT_LOCALE,
  LOCALES,
  formatArea,
  formatDate,
  formatNumber,
  getLocale,
  hasMessage,
  interpolate,
  isLocale,
  loadLocale,
  setLocale,
  switchLocale,
  syncDocumentLang,
  t,
  type Locale,
  type PlainMessageKey,
} from './locale.svelte';
export type { MessageKey } from './zh-CN';
