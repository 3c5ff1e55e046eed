// The panel's HTML shell: strict CSP (`default-src 'none'`), one nonce'd script, styles and
// codicons from the extension's media folder. All data arrives later by postMessage and is rendered
// with DOM text nodes, so no report value is ever parsed as HTML.
import { randomBytes } from 'node:crypto';

export interface PanelAssets {
  /** `webview.cspSource`. */
  cspSource: string;
  scriptUri: string;
  styleUri: string;
  codiconsUri: string;
}

export const newNonce = (): string => randomBytes(16).toString('base64');

const attr = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function panelHtml(assets: PanelAssets, nonce: string = newNonce()): string {
  const csp = [
    "default-src 'none'",
    `style-src ${assets.cspSource}`,
    `font-src ${assets.cspSource}`,
    `img-src ${assets.cspSource}`,
    `script-src 'nonce-${nonce}'`,
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${attr(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link href="${attr(assets.codiconsUri)}" rel="stylesheet">
<link href="${attr(assets.styleUri)}" rel="stylesheet">
<title>LeakLens</title>
</head>
<body>
<main id="app" data-testid="leaklens-panel" aria-live="polite"></main>
<script nonce="${attr(nonce)}" src="${attr(assets.scriptUri)}"></script>
</body>
</html>`;
}
