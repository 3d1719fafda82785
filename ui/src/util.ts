// Small conversions between form values and the API's formats.

/// A datetime-local value ("2026-11-20T22:30") as an RFC 3339 instant, read in the
/// browser's time zone. Empty stays empty.
export function localToInstant(local: string): string {
  if (!local) return '';
  const d = new Date(local);
  return Number.isNaN(d.getTime()) ? local : d.toISOString();
}

/// An RFC 3339 instant as a datetime-local value in the browser's time zone.
export function instantToLocal(iso: string | undefined | null): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}
