// Supabase migrations (`supabase/migrations/*.sql`, applied in file-name order) read as one
// database: tables in API-exposed schemas without Row Level Security, policies that grant
// everyone access, and views that bypass RLS. The analysis is cross-file: a later migration may
// enable RLS on an earlier table.
import { splitStatements, Cursor, SqlSyntaxError, type SqlToken } from './sqlLexer';
import { parseApiExposure, type ApiExposure } from './supabaseConfig';
import { supabasePolicyPermissive, supabaseRlsDisabled, supabaseViewBypassesRls } from './docs';
import { FindingSink, LIMITS, type MisconfigOptions } from './report';
import type { ProjectFile } from './index';
import type { ScanResult } from '../types';

const MIGRATION = /(?:^|\/)supabase\/migrations\/[^/]+\.sql$/i;

export const isSupabaseMigration = (path: string): boolean => MIGRATION.test(path);

/** What the analysis of a migration needs: every migration in this folder and the config file. */
export function supabaseInputs(path: string): { migrationsDir: string; config: string } | undefined {
  if (!isSupabaseMigration(path)) return undefined;
  const prefix = path.slice(0, path.toLowerCase().lastIndexOf('supabase/migrations/'));
  return { migrationsDir: `${prefix}supabase/migrations/`, config: `${prefix}supabase/config.toml` };
}

interface Site { file: string; start: number; end: number }
interface Table extends Site { schema: string; name: string }
interface Policy extends Site { table: string; name: string; cmd: string; roles: string[]; usingTrue: boolean; checkTrue: boolean }
interface View extends Site { schema: string; name: string; invoker: boolean; from: string[] }

interface Db {
  tables: Map<string, Table>;
  rls: Map<string, boolean>;
  policies: Map<string, Policy>;
  views: Map<string, View>;
}

const qual = (schema: string | undefined, name: string) => `${schema ?? 'public'}.${name}`;

/** Analyzes the migrations of each Supabase project in `files` (grouped by folder). */
export function analyzeSupabaseProject(files: readonly ProjectFile[], options: MisconfigOptions = {}): ScanResult {
  const groups = new Map<string, ProjectFile[]>();
  for (const f of files) {
    const inputs = supabaseInputs(f.path);
    if (!inputs) continue;
    const g = groups.get(inputs.config) ?? [];
    g.push(f);
    groups.set(inputs.config, g);
  }
  const out: ScanResult = { findings: [], errors: [] };
  for (const [config, migrations] of groups) {
    const exposure = parseApiExposure(files.find((f) => f.path === config)?.text);
    const r = analyzeMigrations(migrations, exposure, options);
    out.findings.push(...r.findings);
    out.errors.push(...r.errors);
  }
  return out;
}

export function analyzeMigrations(migrations: readonly ProjectFile[], exposure: ApiExposure, options: MisconfigOptions = {}): ScanResult {
  const ordered = [...migrations].sort((a, b) => baseName(a.path).localeCompare(baseName(b.path)) || a.path.localeCompare(b.path));
  const db: Db = { tables: new Map(), rls: new Map(), policies: new Map(), views: new Map() };
  const sinks = new Map<string, FindingSink>();
  for (const f of ordered) {
    const sink = new FindingSink(f.path, f.text, options);
    sinks.set(f.path, sink);
    if (f.text.length > LIMITS.maxBytes) { sink.error(`migration is larger than ${LIMITS.maxBytes} bytes; not analyzed`); continue; }
    try {
      for (const st of splitStatements(f.text)) apply(db, f.path, st.tokens);
    } catch (e) {
      if (!(e instanceof SqlSyntaxError)) throw e;
      for (const st of e.statements) apply(db, f.path, st.tokens);
      sink.error(`cannot read SQL: ${e.message} at offset ${e.offset}; statements after it were not analyzed`);
    }
  }
  report(db, exposure, sinks);
  const out: ScanResult = { findings: [], errors: [] };
  for (const s of sinks.values()) { const r = s.result(); out.findings.push(...r.findings); out.errors.push(...r.errors); }
  return out;
}

const baseName = (p: string) => p.slice(p.lastIndexOf('/') + 1);

function apply(db: Db, file: string, t: readonly SqlToken[]): void {
  const c = new Cursor(t);
  const start = t[0].start;
  if (c.eat('create')) {
    c.eat('or', 'replace');
    if (c.eat('temp') || c.eat('temporary')) return;
    c.eat('unlogged');
    if (c.eat('table')) {
      c.eat('if', 'not', 'exists');
      const n = c.qualifiedName();
      if (!n || c.eat('partition', 'of')) return;
      const key = qual(n.schema, n.name);
      if (!db.tables.has(key)) db.tables.set(key, { file, start, end: n.end, schema: n.schema ?? 'public', name: n.name });
    } else if (c.eat('policy')) {
      parsePolicy(db, file, c, start);
    } else if (c.eat('view') || c.eat('materialized', 'view') || c.eat('recursive', 'view')) {
      c.eat('if', 'not', 'exists');
      const n = c.qualifiedName();
      if (!n) return;
      const opts = c.eat('with') ? c.group() : undefined;
      db.views.set(qual(n.schema, n.name), { file, start, end: n.end, schema: n.schema ?? 'public', name: n.name, invoker: invokerOn(opts), from: sources(t, c.i) });
    }
  } else if (c.eat('alter', 'table')) {
    c.eat('if', 'exists');
    c.eat('only');
    const n = c.qualifiedName();
    if (!n) return;
    const key = qual(n.schema, n.name);
    if (c.eat('enable', 'row', 'level', 'security')) db.rls.set(key, true);
    else if (c.eat('disable', 'row', 'level', 'security')) db.rls.set(key, false);
    else if (c.eat('rename', 'to')) {
      const to = c.qualifiedName();
      const tb = db.tables.get(key);
      if (to && tb) { db.tables.delete(key); db.tables.set(qual(n.schema, to.name), { ...tb, name: to.name }); }
      if (to && db.rls.has(key)) db.rls.set(qual(n.schema, to.name), db.rls.get(key)!);
    }
  } else if (c.eat('alter', 'view') || c.eat('alter', 'materialized', 'view')) {
    c.eat('if', 'exists');
    const n = c.qualifiedName();
    const v = n && db.views.get(qual(n.schema, n.name));
    if (v && c.eat('set')) v.invoker = invokerOn(c.group());
  } else if (c.eat('drop')) {
    const kind = c.eat('table') ? 'table' : c.eat('view') || c.eat('materialized', 'view') ? 'view' : c.eat('policy') ? 'policy' : '';
    if (!kind) return;
    c.eat('if', 'exists');
    const n = c.qualifiedName();
    if (!n) return;
    if (kind === 'table') { db.tables.delete(qual(n.schema, n.name)); db.rls.delete(qual(n.schema, n.name)); }
    if (kind === 'view') db.views.delete(qual(n.schema, n.name));
    if (kind === 'policy' && c.eat('on')) {
      const tb = c.qualifiedName();
      if (tb) db.policies.delete(`${qual(tb.schema, tb.name)}/${n.name}`);
    }
  }
}

function parsePolicy(db: Db, file: string, c: Cursor, start: number): void {
  const name = c.peek();
  if (!name) return;
  c.i++;
  if (!c.eat('on')) return;
  const tb = c.qualifiedName();
  if (!tb) return;
  let cmd = 'all';
  let roles = ['public'];
  let usingTrue = false;
  let checkTrue = false;
  let restrictive = false;
  while (c.peek()) {
    if (c.eat('as')) { restrictive = c.peek()?.value === 'restrictive'; c.i++; }
    else if (c.eat('for')) { cmd = c.peek()?.value ?? 'all'; c.i++; }
    else if (c.eat('to')) {
      roles = [];
      while (c.peek() && (c.peek()!.type === 'word' || c.peek()!.type === 'ident' || c.peek()!.value === ',')) {
        const v = c.peek()!.value;
        if (v === 'using' || v === 'with') break;
        if (v !== ',') roles.push(v.toLowerCase());
        c.i++;
      }
    } else if (c.eat('using')) usingTrue = isTrue(c.group());
    else if (c.eat('with', 'check')) checkTrue = isTrue(c.group());
    else c.i++;
  }
  if (restrictive) return; // a restrictive policy narrows access, it never grants any
  const end = c.t[c.t.length - 1].end;
  const table = qual(tb.schema, tb.name);
  db.policies.set(`${table}/${name.value}`, { file, start, end, table, name: name.value, cmd, roles, usingTrue, checkTrue });
}

/** `(true)`, `((true))`, `(true::boolean)`. */
function isTrue(group: SqlToken[] | undefined): boolean {
  if (!group) return false;
  const s = group.map((t) => t.value).join('');
  return /^\(*true(?:::boolean|::bool)?\)*$/.test(s);
}

function invokerOn(opts: SqlToken[] | undefined): boolean {
  if (!opts) return false;
  const s = opts.map((t) => t.value).join(' ');
  return /\bsecurity_invoker\b(?!\s*=\s*(?:false|off|0|'false'|'off')\b)/.test(s);
}

/** Relations named after `from` / `join` in a view's query. */
function sources(t: readonly SqlToken[], from: number): string[] {
  const out: string[] = [];
  for (let i = from; i < t.length - 1; i++) {
    if (t[i].type !== 'word' || (t[i].value !== 'from' && t[i].value !== 'join')) continue;
    const c = new Cursor(t);
    c.i = i + 1;
    const n = c.qualifiedName();
    if (n) out.push(qual(n.schema, n.name));
  }
  return out;
}

function report(db: Db, exposure: ApiExposure, sinks: Map<string, FindingSink>): void {
  const where = exposure.source === 'default' ? 'exposed by default' : 'exposed in supabase/config.toml';
  for (const [key, tb] of db.tables) {
    if (!exposure.schemas.has(tb.schema.toLowerCase()) || db.rls.get(key) === true) continue;
    const later = db.rls.get(key) === false ? '; a migration disables it' : '';
    sinks.get(tb.file)!.add(supabaseRlsDisabled, tb.start, tb.end,
      `Table ${key} is served by the Supabase API (schema ${tb.schema} is ${where}) and no migration enables row level security${later}: anyone with the app's anon key can read and change every row`,
      key, `table:${key}`);
  }
  for (const p of db.policies.values()) {
    const schema = p.table.slice(0, p.table.indexOf('.'));
    // storage.objects is served by the Storage API whatever the REST schemas are.
    const reachable = exposure.schemas.has(schema) || p.table === 'storage.objects';
    if (!reachable || !p.roles.some((r) => r === 'anon' || r === 'public')) continue;
    const who = p.roles.includes('anon') ? 'anon' : 'public';
    const shown = `policy ${p.name} on ${p.table} for ${p.cmd} to ${p.roles.join(', ')}`;
    if (p.cmd === 'select') {
      if (p.usingTrue) {
        sinks.get(p.file)!.add(supabasePolicyPermissive, p.start, p.end,
          `Policy ${p.name} makes every row of ${p.table} readable by ${who} (using (true)); fine only for data meant to be public`, shown, `policy:${p.table}/${p.name}`, 'info');
      }
    } else if (p.usingTrue || p.checkTrue) {
      const verb = p.cmd === 'all' ? 'read, insert, update and delete' : p.cmd;
      sinks.get(p.file)!.add(supabasePolicyPermissive, p.start, p.end,
        `Policy ${p.name} lets ${who} ${verb} any row of ${p.table} (${p.usingTrue ? 'using' : 'with check'} (true))`, shown, `policy:${p.table}/${p.name}`);
    }
  }
  for (const [key, v] of db.views) {
    if (v.invoker || !exposure.schemas.has(v.schema.toLowerCase())) continue;
    const protectedTables = v.from.filter((t) => db.rls.get(t) === true);
    if (!protectedTables.length) continue;
    sinks.get(v.file)!.add(supabaseViewBypassesRls, v.start, v.end,
      `View ${key} runs with its owner's rights and serves ${protectedTables.join(', ')} through the API without their RLS policies; create it with (security_invoker = true)`,
      key, `view:${key}`);
  }
}
