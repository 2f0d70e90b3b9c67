export type TimeOfDay = 'morning' | 'afternoon' | 'evening';

/** 早上好 until noon, 下午好 until six, 晚上好 after that and before five in the morning. */
export function timeOfDay(hour: number): TimeOfDay {
  if (hour >= 5 && hour < 12) return 'morning';
  if (hour >= 12 && hour < 18) return 'afternoon';
  return 'evening';
}
