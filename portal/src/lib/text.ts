/**
 * Text lengths as the API counts them: characters (code points), not UTF-16 units, so "𠮷" is
 * one. Two characters are enough for a reason, an answer or an objection: "评分偏高" is a whole
 * sentence in Chinese.
 */
export const MIN_TEXT = 2;

export function charCount(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}

/** `text` (trimmed first) is between `min` and `max` characters long. */
export function fits(text: string, min: number, max: number): boolean {
  const n = charCount(text.trim());
  return n >= min && n <= max;
}
