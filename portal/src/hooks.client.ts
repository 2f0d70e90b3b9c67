import type { ClientInit } from '@sveltejs/kit';
import { getLocale, loadLocale } from '$lib/i18n';
import { viewer } from '$lib/viewer';

/** Pages a stranger opens: they ask nobody who is signed in. */
const PUBLIC = /^\/(login|activate|reset)(\/|$)/;

/**
 * As the app starts, before the first screen's code and data are fetched: the reader's language
 * and who is signed in are asked for at once, so that the layouts' loads find them under way
 * instead of starting them after every module of the page has arrived (#15).
 */
export const init: ClientInit = () => {
  void loadLocale(getLocale()).catch(() => {
    // The root layout asks again and shows the error page if it still fails.
  });
  if (!PUBLIC.test(window.location.pathname)) {
    void viewer.load().catch(() => {
      // The (app) layout asks again and answers 503 if the API still cannot be reached.
    });
  }
};
