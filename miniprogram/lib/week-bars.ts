// Rows of the weekly study-time bar chart: newest week first, bar widths relative to the best week.
export type WeekMinutes = { weekStart: string; minutes: number };
export type WeekBar = WeekMinutes & { label: string; percent: number };

export function weekBars(weeks: WeekMinutes[]): WeekBar[] {
  const most = Math.max(0, ...weeks.map((w) => w.minutes));
  return [...weeks].reverse().map((week) => {
    const [, month, day] = week.weekStart.split('-');
    return { ...week, label: `${Number(month)}月${Number(day)}日`, percent: most ? Math.round((week.minutes / most) * 100) : 0 };
  });
}
