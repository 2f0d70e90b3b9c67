export { viewer, type SignInResult, type Viewer } from './viewer.svelte';
export { loginUrl, safeNext } from './next';
export type { SignInError } from './sign-in-error';
