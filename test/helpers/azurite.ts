// Azurite (the official Azure Storage emulator, from node_modules) for probe tests: started per test
// file on a free port, killed by pid; SharedKey request signing and SAS generation for the
// published development account, written out here (no Azure SDK).
import { spawn, type ChildProcess } from 'node:child_process';
import { createHmac, randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'undici';
import { freePort, stopChild, waitForPort } from './fakeProviders';

/** The development account Microsoft publishes for Azurite (not a secret). */
export const DEV_ACCOUNT = 'devstoreaccount1';
export const DEV_KEY = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';

export interface Azurite {
  base: string;
  stop(): Promise<void>;
  /** A SharedKey-signed request (`path` starts after the account, e.g. `/c?restype=container`). */
  signed(method: string, path: string, headers?: Record<string, string>, body?: string, account?: string): Promise<{ status: number; body: string }>;
}

/**
 * Starts Azurite with the dev account plus `extra` accounts (name → base64 key, AZURITE_ACCOUNTS).
 * The machine is shared: a free port can be taken by someone else before Azurite binds it, so the
 * instance proves it is ours (a signed request for a private random account) or is restarted.
 */
export async function startAzurite(extra: Record<string, string> = {}): Promise<Azurite> {
  const marker = `leaklens${randomBytes(4).toString('hex')}`;
  const accounts: Record<string, string> = { [DEV_ACCOUNT]: DEV_KEY, ...extra, [marker]: randomBytes(64).toString('base64') };
  const env = { ...process.env, AZURITE_ACCOUNTS: Object.entries(accounts).map(([a, k]) => `${a}:${k}`).join(';') };
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    const dir = mkdtempSync(join(tmpdir(), 'leaklens-azurite-'));
    const child: ChildProcess = spawn(
      join(process.cwd(), 'node_modules/.bin/azurite-blob'),
      ['--blobHost', '127.0.0.1', '--blobPort', String(port), '--location', dir, '--silent', '--skipApiVersionCheck', '--loose'],
      { stdio: 'ignore', env },
    );
    const az = handle(`http://127.0.0.1:${port}`, child, dir, accounts);
    const ours = await waitForPort(port, 20_000)
      .then(() => az.signed('GET', '/?comp=list', {}, undefined, marker))
      .then((r) => r.status === 200 && child.exitCode === null, () => false);
    if (ours) return az;
    await az.stop();
    if (attempt === 3) throw new Error('Azurite did not start on a free port (3 attempts)');
  }
}

function handle(base: string, child: ChildProcess, dir: string, accounts: Record<string, string>): Azurite {
  return {
    base,
    stop: () => stopChild(child, dir),
    async signed(method, path, headers = {}, body, account = DEV_ACCOUNT) {
      const url = new URL(`${base}/${account}${path}`);
      const h: Record<string, string> = { 'x-ms-date': new Date().toUTCString(), 'x-ms-version': '2021-08-06', ...headers };
      if (body !== undefined) h['content-length'] = String(Buffer.byteLength(body));
      h.authorization = `SharedKey ${account}:${sharedKeySignature(account, accounts[account], method, url, h)}`;
      const r = await request(url, { method: method as 'GET', headers: h, body });
      return { status: r.statusCode, body: await r.body.text() };
    },
  };
}

/** Blob service SharedKey signature (learn.microsoft.com "Authorize with Shared Key"). */
function sharedKeySignature(account: string, key: string, method: string, url: URL, h: Record<string, string>): string {
  const get = (n: string) => h[n] ?? '';
  const len = get('content-length') === '0' ? '' : get('content-length');
  const xms = Object.keys(h).filter((k) => k.startsWith('x-ms-')).sort().map((k) => `${k}:${h[k]}\n`).join('');
  const params = [...url.searchParams.keys()].map((k) => k.toLowerCase()).sort();
  const resource = `/${account}${url.pathname}` + params.map((k) => `\n${k}:${url.searchParams.getAll(k).sort().join(',')}`).join('');
  const toSign = [method, get('content-encoding'), get('content-language'), len, get('content-md5'), get('content-type'), '',
    get('if-modified-since'), get('if-match'), get('if-none-match'), get('if-unmodified-since'), get('range')].join('\n') + `\n${xms}${resource}`;
  return createHmac('sha256', Buffer.from(key, 'base64')).update(toSign, 'utf8').digest('base64');
}

/** An account SAS (version 2020-12-06 string-to-sign, learn.microsoft.com "Create an account SAS"). */
export function accountSas(p: { account?: string; key?: string; permissions: string; services?: string; resourceTypes?: string; start?: string; expiry: string; protocol?: string }): string {
  const sv = '2020-12-06';
  const ss = p.services ?? 'b';
  const srt = p.resourceTypes ?? 'sco';
  const spr = p.protocol ?? 'https,http';
  const toSign = [p.account ?? DEV_ACCOUNT, p.permissions, ss, srt, p.start ?? '', p.expiry, '', spr, sv, ''].join('\n') + '\n';
  const sig = createHmac('sha256', Buffer.from(p.key ?? DEV_KEY, 'base64')).update(toSign, 'utf8').digest('base64');
  const q = new URLSearchParams({ sv, ss, srt, sp: p.permissions, se: p.expiry, spr, sig });
  if (p.start) q.set('st', p.start);
  return q.toString();
}
