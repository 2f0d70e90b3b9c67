// Client-rendered: the session cookie is read by the API, and the portal needs no server data.
export const ssr = false;
export const prerender = false;
