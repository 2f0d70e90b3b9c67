import { createSubscriber } from 'svelte/reactivity';

let current = Date.now();

// One timer for every countdown on screen, running only while something reads it.
const subscribe = createSubscriber((update) => {
  current = Date.now();
  const timer = setInterval(() => {
    current = Date.now();
    update();
  }, 1000);
  return () => clearInterval(timer);
});

/** The current time in ms, re-read every second where it is used reactively. */
export function now(): number {
  subscribe();
  return current;
}
