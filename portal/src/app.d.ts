// See https://svelte.dev/docs/kit/types#app.d.ts
declare global {
  namespace App {
    // interface Error {}
    // interface Locals {}
    // interface PageData {}
    interface PageState {
      /** Set by the new-ticket form: what to announce on the ticket it just filed. */
      filed?: string;
    }
    // interface Platform {}
  }
}

export {};
