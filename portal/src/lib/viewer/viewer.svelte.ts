import { LoginDocument, LogoutDocument, MeDocument, type MeQuery } from '@cocreate/schema';
import { client, resetSubscriptions } from '$lib/graphql/client';
import { signInError, type SignInError } from './sign-in-error';

export type Viewer = NonNullable<MeQuery['me']>;

export type SignInResult = { ok: true; viewer: Viewer } | { ok: false; error: SignInError };

/** The signed-in person, loaded once and replaced on sign-in and sign-out. */
class ViewerSession {
  current = $state<Viewer | null>(null);
  #loaded = false;
  #pending: Promise<Viewer | null> | null = null;

  /** Resolves to the viewer (null when signed out); rejects when the API cannot be reached. */
  load(): Promise<Viewer | null> {
    if (this.#loaded) return Promise.resolve(this.current);
    this.#pending ??= this.#fetch().finally(() => {
      this.#pending = null;
    });
    return this.#pending;
  }

  async #fetch(): Promise<Viewer | null> {
    const result = await client.query(MeDocument, {}, { requestPolicy: 'network-only' }).toPromise();
    if (result.error) throw result.error;
    this.current = result.data?.me ?? null;
    this.#loaded = true;
    return this.current;
  }

  async signIn(email: string, password: string): Promise<SignInResult> {
    const result = await client.mutation(LoginDocument, { email, password }).toPromise();
    if (result.error || !result.data) {
      return { ok: false, error: result.error ? signInError(result.error) : { kind: 'unknown' } };
    }
    this.current = result.data.login;
    this.#loaded = true;
    resetSubscriptions();
    return { ok: true, viewer: this.current };
  }

  /** The person an activation or a password reset has just signed in. */
  adopt(next: Viewer): void {
    this.current = next;
    this.#loaded = true;
    resetSubscriptions();
  }

  async signOut(): Promise<void> {
    const result = await client.mutation(LogoutDocument, {}).toPromise();
    if (result.error) throw result.error;
    resetSubscriptions();
    // A full page load rather than a client-side navigation: it drops every cached
    // query of this person, so the next one to use the device sees none of it.
    window.location.assign('/login');
  }
}

export const viewer = new ViewerSession();
