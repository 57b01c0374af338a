/**
 * The text a cainfo / signData signature covers: the envelope's fields as name=value, in ASCII order
 * of their names, joined with "&". Fields named in `exclude` (the signature itself, the payload) and
 * empty values (null, undefined, "") take no part, as is usual for Chinese gateway signatures; an
 * object value (a province's extension) is its JSON.
 */
export function canonicalFields(fields: Record<string, unknown>, exclude: ReadonlySet<string>): string {
  const parts: string[] = [];
  for (const name of Object.keys(fields).sort()) {
    if (exclude.has(name)) continue;
    const v = fields[name];
    if (v === null || v === undefined || v === '') continue;
    parts.push(`${name}=${typeof v === 'object' ? JSON.stringify(v) : String(v)}`);
  }
  return parts.join('&');
}
