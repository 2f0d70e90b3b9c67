import { tick } from 'svelte';
import type { Outcome } from './commands';
import { problemField, type AccountProblem } from './problems';

/**
 * What an account form keeps while it sends: busy while a command runs, the one problem it shows,
 * and the focus moved to the field that problem marks invalid (a local check's or the API's).
 */
export class AccountForm {
  busy = $state(false);
  problem = $state<AccountProblem | null>(null);
  element = $state<HTMLFormElement | undefined>();
  readonly field = $derived(problemField(this.problem));

  /** Shows `problem` and focuses the field it marks. */
  async fail(problem: AccountProblem) {
    this.problem = problem;
    await tick();
    this.element?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }

  /**
   * Unless a command is already running: shows what the local check found, or runs `command`;
   * answers its value when it succeeds, and null after any problem (already shown).
   */
  async send<T>(found: AccountProblem | null, command: () => Promise<Outcome<T>>): Promise<{ value: T } | null> {
    if (this.busy) return null;
    if (found) {
      await this.fail(found);
      return null;
    }
    this.problem = null;
    this.busy = true;
    const done = await command();
    this.busy = false;
    if (done.ok) return { value: done.value };
    await this.fail(done.problem);
    return null;
  }
}
