import { loadLocale } from '$lib/i18n';

// The portal fetches a language when it is first needed; unit tests switch between both at will.
await Promise.all([loadLocale('zh-CN'), loadLocale('en')]);
