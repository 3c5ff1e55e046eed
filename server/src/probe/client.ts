// The only HTTP client probes may use. Every request, redirect and connection passes the safety
// policy (policy.ts): allowed hosts, https only, resolved addresses checked inside undici's
// `connect.lookup` hook (the checked address is the one connected to, so no TOCTOU), manual
// redirects within the same service, timeouts, one retry, a global concurrency cap, capped bodies.
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { Agent, request } from 'undici';
import { VERSION } from '../core/version';
import { HostPacer } from './pace';
import { blockedAddressReason, checkUrl, rewriteForOverride, type OverrideKey, type Overrides } from './policy';

export type LookupFn = (hostname: string, options: { all: true }, cb: (err: NodeJS.ErrnoException | null, addresses: LookupAddress[]) => void) => void;

export interface ProbeHttpOptions {
  overrides?: Overrides;
  /** Per request (connect + headers + body), ms. */
  timeoutMs?: number;
  /** Requests in flight at once across all probes of a run. */
  concurrency?: number;
  /** At least this long between two requests to one (real) host. */
  perHostIntervalMs?: number;
  /** Bytes of a response body read at most; the rest is never read. */
  maxBodyBytes?: number;
  maxRedirects?: number;
  signal?: AbortSignal;
  /** DNS resolver (tests inject one); node:dns lookup by default. */
  lookup?: LookupFn;
}

export interface ProbeRequest {
  method?: 'GET' | 'HEAD' | 'PUT' | 'POST' | 'DELETE';
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** Retry once on a network error or 5xx (default: true for GET/HEAD/PUT/DELETE). */
  retry?: boolean;
}

export interface ProbeResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  /** At most maxBodyBytes. */
  body: Buffer;
  truncated: boolean;
  /** The real (not overridden) URL that answered, after redirects. */
  url: string;
}

export type ProbeErrorKind = 'refused' | 'timeout' | 'dns' | 'network' | 'aborted';

export class ProbeError extends Error {
  constructor(readonly kind: ProbeErrorKind, message: string) {
    super(message);
  }
}

const REFUSED_ADDRESS = 'LEAKLENS_REFUSED_ADDRESS';
const REDIRECTS = new Set([301, 302, 303, 307, 308]);

export const DEFAULTS = { timeoutMs: 10_000, concurrency: 4, maxBodyBytes: 64 * 1024, maxRedirects: 3, perHostIntervalMs: 0 };

export class ProbeHttp {
  private readonly opts: Required<Omit<ProbeHttpOptions, 'signal' | 'lookup' | 'overrides'>> & ProbeHttpOptions;
  private readonly publicAgent: Agent;
  private readonly overrideAgent: Agent;
  private active = 0;
  private readonly waiting: Array<() => void> = [];
  private readonly pacer: HostPacer;

  constructor(options: ProbeHttpOptions = {}) {
    const given = Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined));
    this.opts = { ...DEFAULTS, ...given };
    this.pacer = new HostPacer(this.opts.perHostIntervalMs);
    const resolve: LookupFn = options.lookup ?? ((h, o, cb) => dnsLookup(h, o, cb));
    const t = this.opts.timeoutMs;
    const common = { headersTimeout: t, bodyTimeout: t, connections: this.opts.concurrency, keepAliveTimeout: 1000 };
    this.publicAgent = new Agent({
      ...common,
      connect: {
        timeout: t,
        // net/tls.connect call this for every hostname; every answer is checked before connecting.
        lookup: (hostname: string, o: { all?: boolean }, cb: (...args: unknown[]) => void) => {
          resolve(hostname, { all: true }, (err, addresses) => {
            if (err) return cb(err);
            const list = addresses ?? [];
            if (list.length === 0) return cb(Object.assign(new Error(`no address for ${hostname}`), { code: 'ENOTFOUND' }));
            for (const a of list) {
              const why = blockedAddressReason(a.address);
              if (why) return cb(Object.assign(new Error(`${hostname} resolves to ${a.address} (${why})`), { code: REFUSED_ADDRESS }));
            }
            if (o.all) cb(null, list);
            else cb(null, list[0].address, list[0].family);
          });
        },
      } as unknown as Agent.Options['connect'],
    });
    this.overrideAgent = new Agent({ ...common, connect: { timeout: t } });
  }

  /**
   * Sends one request to a real endpoint URL of service `key` (rewritten to its stand-in when
   * overridden) and follows redirects that stay within the same service. Throws ProbeError.
   */
  async request(key: OverrideKey, realUrl: string, req: ProbeRequest = {}): Promise<ProbeResponse> {
    const method = req.method ?? 'GET';
    let real = new URL(realUrl);
    const base = this.opts.overrides?.[key];
    let target = this.route(key, real, base);
    for (let hop = 0; ; hop++) {
      const retry = req.retry ?? method !== 'POST';
      const res = await this.send(target, method, req, retry, real, base !== undefined);
      const location = res.headers.location;
      if (!REDIRECTS.has(res.status) || typeof location !== 'string' || (method !== 'GET' && method !== 'HEAD')) return res;
      if (hop >= this.opts.maxRedirects) throw new ProbeError('refused', `more than ${this.opts.maxRedirects} redirects`);
      let next: URL;
      try {
        next = new URL(location, target);
      } catch {
        throw new ProbeError('refused', 'redirect to an invalid URL refused');
      }
      if (base && next.origin === target.origin && target.origin === base.origin) {
        target = next; // a stand-in redirecting within itself
        continue;
      }
      const ok = checkUrl(key, next);
      if (!ok.ok) throw new ProbeError('refused', `redirect to ${next.host} ${ok.reason.replace(/^refused /, 'refused: ')}`);
      real = next;
      target = this.route(key, real, base);
    }
  }

  async close(): Promise<void> {
    await Promise.all([this.publicAgent.close(), this.overrideAgent.close()]);
  }

  private route(key: OverrideKey, real: URL, base: URL | undefined): URL {
    if (base) return rewriteForOverride(key, real, base);
    const ok = checkUrl(key, real);
    if (!ok.ok) throw new ProbeError('refused', ok.reason);
    return real;
  }

  private async send(target: URL, method: string, req: ProbeRequest, retry: boolean, real: URL, viaOverride: boolean): Promise<ProbeResponse> {
    try {
      const res = await this.once(target, method, req, real, viaOverride);
      if (res.status >= 500 && retry) return await this.once(target, method, req, real, viaOverride);
      return res;
    } catch (e) {
      if (e instanceof ProbeError && e.kind === 'network' && retry) return this.once(target, method, req, real, viaOverride);
      throw e;
    }
  }

  /** One attempt. Only an explicit override uses the agent without the address check. */
  private async once(target: URL, method: string, req: ProbeRequest, real: URL, viaOverride: boolean): Promise<ProbeResponse> {
    await this.pacer.wait(real.host.toLowerCase());
    await this.acquire();
    const timeout = AbortSignal.timeout(this.opts.timeoutMs);
    const signal = this.opts.signal ? AbortSignal.any([this.opts.signal, timeout]) : timeout;
    try {
      const headers: Record<string, string> = { 'user-agent': `LeakLens/${VERSION}`, accept: '*/*', ...req.headers };
      // Stand-ins serve many real hosts on one origin; tell them which one this request is for.
      if (viaOverride) headers['x-forwarded-host'] = real.host;
      const res = await request(target, {
        method: method as 'GET',
        headers,
        body: req.body,
        signal,
        dispatcher: viaOverride ? this.overrideAgent : this.publicAgent,
      });
      const { body, truncated } = await readCapped(res.body, this.opts.maxBodyBytes);
      return { status: res.statusCode, headers: res.headers, body, truncated, url: real.href };
    } catch (e) {
      throw classify(e, timeout.aborted, this.opts.signal?.aborted === true);
    } finally {
      this.release();
    }
  }

  private acquire(): Promise<void> {
    if (this.active < this.opts.concurrency) {
      this.active++;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.waiting.push(resolve)); // the slot is handed over in release()
  }

  private release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.active--;
  }
}

/** Reads at most `cap` bytes, then destroys the stream so the rest is never downloaded. */
async function readCapped(body: AsyncIterable<Buffer> & { destroy(): void }, cap: number): Promise<{ body: Buffer; truncated: boolean }> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    if (size + chunk.length > cap) {
      chunks.push(chunk.subarray(0, cap - size));
      body.destroy();
      return { body: Buffer.concat(chunks), truncated: true };
    }
    chunks.push(chunk);
    size += chunk.length;
  }
  return { body: Buffer.concat(chunks), truncated: false };
}

function classify(e: unknown, timedOut: boolean, aborted: boolean): ProbeError {
  if (e instanceof ProbeError) return e;
  if (aborted) return new ProbeError('aborted', 'cancelled');
  const chain: Array<{ code?: string; message?: string }> = [];
  for (let x = e as { code?: string; message?: string; cause?: unknown } | undefined, i = 0; x && i < 5; x = x.cause as typeof x, i++) chain.push(x);
  const refused = chain.find((x) => x.code === REFUSED_ADDRESS);
  if (refused) return new ProbeError('refused', `refused: ${refused.message}`);
  const code = chain.map((x) => x.code).find((c) => c);
  if (timedOut || code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT' || code === 'UND_ERR_CONNECT_TIMEOUT') {
    return new ProbeError('timeout', 'timed out');
  }
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return new ProbeError('dns', 'DNS: no such host');
  return new ProbeError('network', `network error${code ? ` (${code})` : ''}`);
}
