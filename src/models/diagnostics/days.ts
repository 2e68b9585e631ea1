import { civilFromDays } from '../../internal/calendar';

/** A UTC day number as an ISO 8601 date ('1997-01-01'; years beyond 0..9999 with a sign and six digits). */
export function isoDay(day: number): string {
  const { year, month, day: date } = civilFromDays(day);
  const y =
    year >= 0 && year <= 9999
      ? String(year).padStart(4, '0')
      : `${year < 0 ? '-' : '+'}${String(Math.abs(year)).padStart(6, '0')}`;
  return `${y}-${String(month).padStart(2, '0')}-${String(date).padStart(2, '0')}`;
}
