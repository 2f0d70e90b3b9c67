import { getLocale, loadLocale } from '$lib/i18n';
import type { LayoutLoad } from './$types';

// Client-rendered: the session cookie is read by the API, and the portal needs no server data.
export const ssr = false;
export const prerender = false;

/** The reader's language, fetched before the first screen (each language is its own chunk). */
export const load: LayoutLoad = async () => {
  await loadLocale(getLocale());
};
