import type { BilingualNameFragment } from '@cocreate/schema';
import { getLocale, type Locale } from './locale.svelte';

/**
 * A name the community entered (a rubric criterion, a reward tier) in the reader's language: the
 * community's English for an English reader when it gave one, otherwise its zh-CN text.
 */
export function localized(text: BilingualNameFragment, locale: Locale = getLocale()): string {
  return locale === 'en' && text.nameEn ? text.nameEn : text.name;
}
