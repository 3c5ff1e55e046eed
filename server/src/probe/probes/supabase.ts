// Supabase REST (PostgREST) with the anon key the app ships with (public by design; the
// service-role key is never sent). `GET /rest/v1/` returns the OpenAPI description listing the
// tables the anon role can see; then `GET /rest/v1/<table>?select=*&limit=1` for a few tables —
// read only, one row, and only column names go into the evidence.
// Names for `exposes`: the tables whose rows the anon key read; when none, the tables the open
// OpenAPI root lists (the schema is what is open then). Column names are not used.
import { appValues, classifyDenied, evidence, failure, json, listed, someNames, type ProbeContext, type ProbeResult, type ProbeTarget } from '../common';

const MAX_TABLES = 5;

export async function probeSupabase(t: ProbeTarget, ctx: ProbeContext): Promise<ProbeResult> {
  const host = new URL(t.url).host;
  const [key] = appValues(ctx, t, 'supabase-anon-key');
  if (!key) return { status: 'not-probed', evidence: 'needs the anon key the app ships with; none was found' };
  // New publishable keys (sb_publishable_…) go in `apikey` only; JWT anon keys also as Bearer.
  const headers: Record<string, string> = key.startsWith('sb_') ? { apikey: key } : { apikey: key, authorization: `Bearer ${key}` };
  const base = `https://${host}/rest/v1/`;
  let tables: string[] = [];
  let root: ProbeResult;
  try {
    const r = await ctx.http.request('supabase', base, { headers: { ...headers, accept: 'application/openapi+json, application/json' } });
    if (r.status === 200) {
      const paths = Object.keys((json(r) as { paths?: Record<string, unknown> } | undefined)?.paths ?? {});
      tables = paths.filter((p) => p !== '/' && !p.startsWith('/rpc/')).map((p) => p.slice(1));
      root = listed('open-list', `OpenAPI root lists ${tables.length}${r.truncated ? '+' : ''} tables/views${tables.length ? ` (${someNames(tables)})` : ''}`, tables);
    } else root = classifyDenied(r);
  } catch (e) {
    return failure(e);
  }
  if (root.status === 'not-found') return root;
  const candidates = [...new Set([...ctx.supabaseTables, ...tables])].filter((n) => /^[A-Za-z_][\w$-]{0,62}$/.test(n)).slice(0, MAX_TABLES);
  const readable: string[] = [];
  let columns: string[] = [];
  let denied = 0;
  for (const table of candidates) {
    try {
      const r = await ctx.http.request('supabase', `${base}${encodeURIComponent(table)}?select=*&limit=1`, { headers });
      if (r.status === 200) {
        const rows = json(r);
        if (Array.isArray(rows) && rows.length > 0) {
          readable.push(table);
          if (!columns.length && rows[0] && typeof rows[0] === 'object') columns = Object.keys(rows[0] as object);
        }
      } else if (r.status === 401 || r.status === 403) denied++;
    } catch {
      denied += 0; // an unreachable table read does not change the root answer
    }
  }
  if (readable.length) {
    return listed('open-read', evidence(root.evidence, `anon key reads rows of ${someNames(readable)}${columns.length ? ` (columns ${someNames(columns, columns.length)})` : ''}`), readable);
  }
  const tried = candidates.length ? `no rows readable in ${candidates.length} tables tried${denied ? ` (${denied} denied)` : ''}` : undefined;
  return { ...root, evidence: evidence(root.evidence, tried) };
}
