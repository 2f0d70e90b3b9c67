export {
  DEFAULT_LOCALE,
  LOCALES,
  formatArea,
  formatDate,
  formatNumber,
  getLocale,
  interpolate,
  isLocale,
  setLocale,
  syncDocumentLang,
  t,
  type Locale,
  type PlainMessageKey,
} from './locale.svelte';
export type { MessageKey } from './zh-CN';
