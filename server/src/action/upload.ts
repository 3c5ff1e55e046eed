// `upload-sarif: true`: the SARIF goes to GitHub code scanning through its REST API
// (POST /repos/{owner}/{repo}/code-scanning/sarifs: gzip + base64, the commit and ref of the run),
// since a JavaScript action cannot call github/codeql-action/upload-sarif itself.
// Reference: https://docs.github.com/rest/code-scanning/code-scanning#upload-an-analysis-as-sarif-data
import { gzipSync } from 'node:zlib';
import { pathToFileURL } from 'node:url';
import { ActionInputError, type RunnerIo } from './runner';

/** The API refuses larger gzipped SARIF files. */
export const MAX_GZIPPED_SARIF = 10 * 1024 * 1024;

export interface UploadResult { id: string; url: string }

export async function uploadSarif(io: RunnerIo, sarif: string, token: string, workspace: string): Promise<UploadResult> {
  const { GITHUB_REPOSITORY: repository, GITHUB_SHA: sha, GITHUB_REF: ref } = io.env;
  if (!repository || !sha || !ref) throw new ActionInputError('upload-sarif needs GITHUB_REPOSITORY, GITHUB_SHA and GITHUB_REF (the runner sets them)');
  if (!token) throw new ActionInputError('upload-sarif needs a token (input "token", default github.token) with security-events: write');
  const gz = gzipSync(Buffer.from(sarif, 'utf8'));
  if (gz.length > MAX_GZIPPED_SARIF) throw new Error(`SARIF is ${gz.length} bytes gzipped, above the ${MAX_GZIPPED_SARIF}-byte limit of the code scanning API`);
  const api = (io.env.GITHUB_API_URL || 'https://api.github.com').replace(/\/+$/, '');
  const response = await fetch(`${api}/repos/${repository}/code-scanning/sarifs`, {
    method: 'POST',
    headers: {
      accept: 'application/vnd.github+json',
      authorization: `Bearer ${token}`,
      'content-type': 'application/json',
      'user-agent': 'leaklens-action',
      'x-github-api-version': '2022-11-28',
    },
    body: JSON.stringify({ commit_sha: sha, ref, sarif: gz.toString('base64'), tool_name: 'LeakLens', checkout_uri: pathToFileURL(workspace).href }),
    signal: AbortSignal.timeout(60_000),
  });
  const text = await response.text();
  let body: { id?: string; url?: string; message?: string } = {};
  try {
    body = JSON.parse(text) as typeof body;
  } catch {
    // a proxy's HTML error page: the status says enough
  }
  if (response.status !== 202) throw new Error(`code scanning upload failed: HTTP ${response.status}${body.message ? `: ${body.message}` : ''}`);
  return { id: body.id ?? '', url: body.url ?? '' };
}
