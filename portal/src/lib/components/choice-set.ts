import type { IconName } from './icons';

/**
 * A ChoicePicker's options and how to draw each (all its props but the value, legend and state):
 * `kind` classes the fieldset, `option` each card and names its test ids; `words` gives an option's
 * name and hint.
 */
export function choiceSet<O extends string>(
  options: readonly O[],
  icons: Record<O, IconName>,
  kind: string,
  option: string,
  words: (option: O) => readonly [name: string, hint: string],
) {
  return { options, kind, option, testid: option, icon: (o: O) => icons[o], name: (o: O) => words(o)[0], hint: (o: O) => words(o)[1] };
}

/** The props every picker of one value shares: the bound value, and the problem that marks it wrong. */
export interface PickerProps<V> {
  value: V | null;
  invalid?: boolean;
  problemId?: string;
}
