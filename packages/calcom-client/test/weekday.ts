// Shared by the cache tests that book against the stand-in's calendar (Monday to Friday hours).

/** The first Monday-to-Friday date (UTC, `YYYY-MM-DD`) at least `minOffset` days from today. */
export function weekday(minOffset: number): string {
  for (let i = minOffset; ; i++) {
    const d = new Date(Date.now() + i * 86_400_000);
    if (d.getUTCDay() >= 1 && d.getUTCDay() <= 5) return d.toISOString().slice(0, 10);
  }
}
