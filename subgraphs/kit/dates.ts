const stockholmDate = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Stockholm',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** Today's date in Sweden as 'YYYY-MM-DD': the day application windows and contracts are judged by. */
export function todayInSweden(now: Date = new Date()): string {
  return stockholmDate.format(now);
}

/** A GraphQL Date argument (a Date at UTC midnight) as 'YYYY-MM-DD'. */
export function isoDate(d: Date): string {
  return d.toISOString().slice(0, 10);
}
