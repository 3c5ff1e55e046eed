// Azure Blob Storage, anonymous only: container list `?restype=container&comp=list`. An account
// endpoint (from an account key finding) gets one harmless anonymous account-level request
// (`?comp=list`), which only tells whether the account exists: the key is never used.
// No write probe: anonymous access to Azure blobs is read-only by design (writes need a key or SAS,
// and SAS tokens are analysed offline in sas.ts).
import { classifyDenied, errorText, evidence, failure, httpEvidence, listed, someNames, text, xmlValues, type ProbeContext, type ProbeResult, type ProbeTarget } from '../common';

const VERSION_HEADER = { 'x-ms-version': '2021-08-06' };

export async function probeAzureContainer(t: ProbeTarget, ctx: ProbeContext): Promise<ProbeResult> {
  const u = new URL(t.url);
  const container = u.pathname.split('/')[1];
  if (!container) return probeAzureAccount(t, ctx);
  try {
    const r = await ctx.http.request('azure', `https://${u.host}/${container}?restype=container&comp=list&maxresults=5`, { headers: VERSION_HEADER });
    if (r.status === 200) {
      const names = xmlValues(text(r), 'Name', 5);
      const more = xmlValues(text(r), 'NextMarker', 1)[0] ? '+' : '';
      return listed('open-list', `HTTP 200, anonymous container list: ${names.length}${more} blobs${names.length ? ` (${someNames(names)})` : ''}`, names);
    }
    // 409 PublicAccessNotPermitted: anonymous access is disabled on the whole account.
    if (r.status === 409) return { status: 'auth-required', evidence: httpEvidence(r) };
    if (r.status === 404) {
      return { status: 'not-found', evidence: evidence(httpEvidence(r), 'missing, or private: Azure answers anonymous callers alike') };
    }
    return classifyDenied(r);
  } catch (e) {
    return failure(e);
  }
}

export async function probeAzureAccount(t: ProbeTarget, ctx: ProbeContext): Promise<ProbeResult> {
  const host = new URL(t.url).host;
  try {
    const r = await ctx.http.request('azure', `https://${host}/?comp=list&maxresults=1`, { headers: VERSION_HEADER });
    if (r.status === 200) {
      // Anonymous container listing is never allowed by Azure; a stand-in may differ.
      return { status: 'open-list', evidence: `HTTP 200, anonymous account-level container list answered` };
    }
    const code = errorText(r);
    return {
      status: 'auth-required',
      evidence: evidence(`account ${host.split('.')[0]} exists (HTTP ${r.status}${code ? ` ${code}` : ''} to an anonymous request); the key in the app was not used`),
    };
  } catch (e) {
    return failure(e);
  }
}
