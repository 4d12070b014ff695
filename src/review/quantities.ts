/**
 * Reading the free-text quantities candidates type on nodes ("every 15 minutes", "7 days", "64 GB")
 * into numbers the rules compare. Anything unreadable is undefined, and rules then say nothing.
 */

const HOURS: Record<string, number> = {
  s: 1 / 3600,
  sec: 1 / 3600,
  second: 1 / 3600,
  m: 1 / 60,
  min: 1 / 60,
  minute: 1 / 60,
  h: 1,
  hr: 1,
  hour: 1,
  d: 24,
  day: 24,
  w: 168,
  week: 168,
  month: 720,
  year: 8760,
};

const ADVERBS: Record<string, number> = {
  'real-time': 0,
  realtime: 0,
  continuous: 0,
  continuously: 0,
  streaming: 0,
  online: 0,
  instant: 0,
  seconds: 1 / 3600,
  minutes: 1 / 60,
  hourly: 1,
  hour: 1,
  hours: 1,
  day: 24,
  week: 168,
  month: 720,
  nightly: 24,
  daily: 24,
  days: 24,
  weekly: 168,
  weeks: 168,
  monthly: 720,
  months: 720,
  quarterly: 2190,
  yearly: 8760,
};

/**
 * A duration or cadence in hours: "30 s", "every 15 minutes", "daily". Where the text names several
 * ("2-4 weeks", "daily fine-tune, weekly rebuild") it reads the longest, or the shortest when asked
 * (a delay is as long as its slowest labels; a model is as fresh as its most frequent update).
 */
export function hoursOf(text: string, pick: 'longest' | 'shortest' = 'longest'): number | undefined {
  const lower = text.toLowerCase();
  const found: number[] = [];
  // A number, or a range's upper end, then its unit, perhaps after one word ("3 trading days").
  for (const match of lower.matchAll(/(\d+(?:\.\d+)?)(?:\s*(?:-|to|–)\s*(\d+(?:\.\d+)?))?\s*([a-z]+)(?:\s+([a-z]+))?/g)) {
    const count = Number(match[2] ?? match[1]);
    const unit = unitHours(match[3]!) ?? (match[4] ? unitHours(match[4]) : undefined);
    if (unit !== undefined) found.push((pick === 'shortest' && match[2] ? Number(match[1]) : count) * unit);
  }
  // Words alone ("minutes to a day", "daily fine-tune") when no number is given.
  if (found.length === 0) for (const word of lower.split(/[^a-z-]+/)) if (word in ADVERBS) found.push(ADVERBS[word]!);
  if (found.length === 0) return undefined;
  return pick === 'longest' ? Math.max(...found) : Math.min(...found);
}

function unitHours(word: string): number | undefined {
  if (word in HOURS) return HOURS[word];
  const singular = word.replace(/s$/, '');
  return HOURS[singular];
}

const BYTES: Record<string, number> = { b: 1, kb: 1e3, mb: 1e6, gb: 1e9, tb: 1e12, pb: 1e15 };

/** A size in bytes: "64 GB", "1.5TB". */
export function bytesOf(text: string): number | undefined {
  const match = text.toLowerCase().match(/(\d+(?:\.\d+)?)\s*([kmgtp]?b)\b/);
  return match ? Number(match[1]) * BYTES[match[2]!]! : undefined;
}

/** "168 h" as people say it: "7 days", "15 minutes". */
export function describeHours(hours: number): string {
  if (hours >= 48) return `${Math.round(hours / 24)} days`;
  if (hours >= 2) return `${Math.round(hours)} hours`;
  if (hours >= 1) return '1 hour';
  if (hours * 60 >= 1) return `${Math.round(hours * 60)} minutes`;
  return `${Math.round(hours * 3600)} seconds`;
}
