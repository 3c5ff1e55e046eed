// Validators shared by the rules: the "not findings" of DESIGN §3 (references, placeholders,
// provider example values, emulator strings) and structure checks such as entropy.

/** `BuildConfig.X`, `$(VAR)`, `${VAR}`, `findProperty(...)`, `@string/x`, `process.env.X`, `{{x}}`. */
export function isReference(value: string): boolean {
  return /\$\(|\$\{|\{\{|BuildConfig\.|findProperty\(|getProperty\(|System\.getenv|process\.env|^@(?:string|android:string)\/|^\$[A-Z_]/.test(value);
}

/** `YOUR_API_KEY`, `<your-bucket>`, `xxxx`, `changeme`, `REPLACE_ME`, `example-bucket`, `my-bucket`. */
export function isPlaceholder(value: string): boolean {
  const v = value.toLowerCase();
  return (
    /<[^>]*>|\[[^\]]*\]/.test(value) ||
    /your[-_ ]?|replace[-_ ]?me|change[-_ ]?me|placeholder|insert[-_ ]|todo|fixme|dummy|sample|^example|[-_.]example\b|^test$|^my[-_]?bucket$|^bucket[-_]?name$|^project[-_]?id$/.test(v) ||
    /(.)\1{5,}/.test(v) || // xxxxxx, 000000, ******
    /^\*+$|^x+$|^\.{3}$/.test(v)
  );
}

/** Local emulators and development accounts published by the providers. */
export function isEmulator(value: string): boolean {
  return /localhost|127\.0\.0\.1|10\.0\.2\.2|0\.0\.0\.0|devstoreaccount1|UseDevelopmentStorage=true|\bemulator\b/i.test(value);
}

/** Shannon entropy in bits per character. */
export function entropy(value: string): number {
  if (!value) return 0;
  const counts = new Map<string, number>();
  for (const ch of value) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let h = 0;
  for (const n of counts.values()) {
    const p = n / value.length;
    h -= p * Math.log2(p);
  }
  return h;
}

/** Common rejection for any value: reference, placeholder or emulator. */
export function isNonValue(value: string): boolean {
  return isReference(value) || isPlaceholder(value) || isEmulator(value);
}

/** Decodes a base64url JWT payload; undefined when `token` is not a JWT with a JSON payload. */
export function jwtPayload(token: string): Record<string, unknown> | undefined {
  const parts = token.split('.');
  if (parts.length !== 3) return undefined;
  try {
    const json = Buffer.from(parts[1].replace(/-/g, '+').replace(/_/g, '/'), 'base64').toString('utf8');
    const payload: unknown = JSON.parse(json);
    return payload && typeof payload === 'object' && !Array.isArray(payload) ? (payload as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
