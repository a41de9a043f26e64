// The calendars the statutory clock sees in production, for unit tests: the shipped State Council
// notices (2024–2026) and every other year computed from the law, provisional — exactly what the
// calendarYears activity answers when the shipped files are loaded.
import y2024 from '../../infra/calendar/2024.json';
import y2025 from '../../infra/calendar/2025.json';
import y2026 from '../../infra/calendar/2026.json';
import { calendarYearsBetween } from '../../infra/calendar/holidays';
import type { CalendarYear } from '../../workflows/clock/calendar';

export const shippedNotices: CalendarYear[] = [y2024, y2025, y2026];

export function realCalendars(fromYear = 2024, toYear = 2035): CalendarYear[] {
  return calendarYearsBetween(fromYear, toYear, shippedNotices);
}
