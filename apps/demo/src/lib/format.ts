/** Display helpers: durations, dates and scope lists, in words a person reads at a glance. */

/** `90_500` -> `1:30`; `3_725_000` -> `1:02:05`. Negative values clamp to 0:00. */
export function formatCountdown(milliseconds: number): string {
  const total = Math.max(0, Math.ceil(milliseconds / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  const ss = String(seconds).padStart(2, '0');
  if (hours > 0) return `${hours}:${String(minutes).padStart(2, '0')}:${ss}`;
  return `${minutes}:${ss}`;
}

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const timeOnly = new Intl.DateTimeFormat(undefined, { timeStyle: 'medium' });

export function formatDateTime(value: string | number | Date | null | undefined): string {
  if (value === null || value === undefined || value === '') return '—';
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? String(value) : dateTime.format(date);
}

export function formatTime(value: number | Date): string {
  return timeOnly.format(value instanceof Date ? value : new Date(value));
}

/** Epoch seconds (JWT / introspection `exp`, `iat`) to a readable date. */
export function formatEpochSeconds(value: unknown): string {
  return typeof value === 'number' ? formatDateTime(value * 1000) : '—';
}

export function splitScopes(scope: string | readonly string[] | null | undefined): string[] {
  if (!scope) return [];
  const list = typeof scope === 'string' ? scope.split(/\s+/) : [...scope];
  return list.filter(Boolean);
}

export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count.toLocaleString()} ${count === 1 ? singular : pluralForm}`;
}
