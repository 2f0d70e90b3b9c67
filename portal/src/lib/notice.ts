/** A notice about the thing on screen: what the viewer just did, or what changed live. */
export type Notice = { kind: 'done' | 'live'; message: string };
