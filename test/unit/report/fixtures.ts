// Report inputs for the format tests: real engine findings plus hand-written ones for shapes the
// engine's rules may not produce yet (archive entries, secrets, every severity).
import { createEngine } from '../../../server/src/core/engine';
import { fingerprint } from '../../../server/src/core/fingerprint';
import { buildReport } from '../../../server/src/core/report';
import type { Finding, Provider, Report, Severity } from '../../../server/src/core/types';

export const engine = createEngine();

export const RTDB_XML = '<resources>\n  <string name="firebase_database_url">https://acme-prod-default-rtdb.firebaseio.com</string>\n</resources>\n';

/** Findings the engine really produces for an RTDB URL in two files. */
export function engineFindings(): Finding[] {
  return [
    ...engine.scanText('android/app/src/main/res/values/strings.xml', RTDB_XML).findings,
    ...engine.scanText('lib/main.dart', "final db = 'https://acme-prod-default-rtdb.firebaseio.com';\n").findings,
  ];
}

export function finding(o: {
  ruleId: string; severity: Severity; provider: Provider; value: string; file: string;
  entry?: string | null; endpoint?: string; line?: number; message?: string;
}): Finding {
  const line = o.line ?? 1;
  return {
    ruleId: o.ruleId,
    severity: o.severity,
    provider: o.provider,
    message: o.message ?? `${o.ruleId} ${o.value}`,
    value: o.value,
    ...(o.endpoint ? { endpoint: o.endpoint } : {}),
    location: { file: o.file, line, column: 3, endLine: line, endColumn: 3 + o.value.length, entry: o.entry ?? null },
    fingerprint: fingerprint(o.ruleId, o.file, o.entry ?? null, o.value),
  };
}

/** A report with every severity, an archive entry, an error, and two findings on one endpoint. */
export function mixedReport(): Report {
  return buildReport({
    root: 'app',
    version: '1.2.3',
    findings: [
      ...engineFindings(),
      finding({ ruleId: 'aws-secret-access-key', severity: 'critical', provider: 'aws', value: 'wJalrXUt…', file: 'ios/Config.xcconfig', line: 4 }),
      finding({ ruleId: 'aws-access-key-id', severity: 'high', provider: 'aws', value: 'AKIAQ3EXAMPLE7XYZ123', file: 'ios/Config.xcconfig', line: 3 }),
      finding({ ruleId: 'aws-s3-bucket', severity: 'low', provider: 'aws', value: 'acme-media', file: 'build/app.apk', entry: 'classes2.dex', endpoint: 'https://acme-media.s3.amazonaws.com/' }),
      finding({ ruleId: 'firebase-project-id', severity: 'info', provider: 'firebase', value: 'acme-prod', file: 'android/app/google-services.json', line: 5 }),
    ],
    errors: [{ file: 'build/app.apk', entry: 'classes9.dex', message: 'truncated DEX header' }, { file: 'big.json', message: 'file is 20481 KB, over the 1024 KB limit' }],
  });
}
