import type { CombinedError } from '@urql/core';

/** Why a sign-in failed, in terms the form can explain. */
export type SignInError =
  | { kind: 'wrongCredentials' }
  | { kind: 'locked'; minutes: number | null; message: string }
  | { kind: 'invalidEmail' }
  | { kind: 'network' }
  | { kind: 'unknown' };

export function signInError(error: CombinedError): SignInError {
  if (error.networkError && error.graphQLErrors.length === 0) return { kind: 'network' };
  const first = error.graphQLErrors[0];
  switch (first?.extensions?.code) {
    case 'UNAUTHENTICATED':
      return { kind: 'wrongCredentials' };
    case 'TOO_MANY_ATTEMPTS': {
      const seconds = first.extensions.retryAfterSeconds;
      return {
        kind: 'locked',
        minutes: typeof seconds === 'number' ? Math.max(1, Math.ceil(seconds / 60)) : null,
        message: first.message,
      };
    }
    case 'BAD_USER_INPUT':
      return { kind: 'invalidEmail' };
    default:
      return { kind: 'unknown' };
  }
}
