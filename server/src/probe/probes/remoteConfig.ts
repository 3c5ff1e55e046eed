// Firebase Remote Config: the client fetch call (`namespaces/firebase:fetch`) with the API key and
// app id the app ships with; reports how many parameters, and a few of their names, anyone can read.
import { appValues, classifyDenied, evidence, failure, json, someNames, type ProbeContext, type ProbeResult, type ProbeTarget } from '../common';

export const remoteConfigUrl = (projectId: string): string =>
  `https://firebaseremoteconfig.googleapis.com/v1/projects/${projectId}/namespaces/firebase:fetch`;

export async function probeRemoteConfig(t: ProbeTarget, ctx: ProbeContext): Promise<ProbeResult> {
  const project = /\/v1\/projects\/([^/]+)\//.exec(new URL(t.url).pathname)?.[1];
  const [key] = appValues(ctx, t, 'google-api-key');
  const appId = ctx.firebaseAppIds[0];
  if (!project || !key || !appId) return { status: 'not-probed', evidence: 'needs the project id, API key and Firebase app id the app ships with' };
  try {
    const r = await ctx.http.request('remoteconfig', remoteConfigUrl(project), {
      method: 'POST',
      retry: true, // fetch is a read, safe to repeat
      headers: { 'x-goog-api-key': key, 'content-type': 'application/json' },
      body: JSON.stringify({ appId, appInstanceId: 'leaklens-probe' }),
    });
    if (r.status !== 200) return classifyDenied(r);
    const body = json(r) as { entries?: Record<string, unknown>; state?: string } | undefined;
    const names = Object.keys(body?.entries ?? {});
    if (body?.state === 'NO_TEMPLATE' || names.length === 0) return { status: 'not-found', evidence: evidence(`HTTP 200, no Remote Config template (${body?.state ?? 'no entries'})`) };
    return { status: 'open-read', evidence: `HTTP 200, ${names.length} Remote Config parameters readable with the app's key (${someNames(names)})` };
  } catch (e) {
    return failure(e);
  }
}
