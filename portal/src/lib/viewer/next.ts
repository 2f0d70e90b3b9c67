/** Where to go after signing in: only a path on this site, never the sign-in page itself. */
export function safeNext(raw: string | null | undefined): string {
  if (!raw || !raw.startsWith('/') || raw.startsWith('//') || raw.startsWith('/\\')) return '/';
  if (raw === '/login' || raw.startsWith('/login?') || raw.startsWith('/login/')) return '/';
  return raw;
}

export function loginUrl(from: URL): string {
  const here = from.pathname + from.search;
  return here === '/' ? '/login' : `/login?next=${encodeURIComponent(here)}`;
}
