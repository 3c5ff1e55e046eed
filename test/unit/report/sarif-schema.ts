// Validator for the official SARIF 2.1.0 schema (shipped by @microsoft/jest-sarif), shared by the
// unit and CLI integration tests. The schema is draft-04; Ajv 8 reads it as draft-07 after moving
// `id` to `$id` (it uses no draft-04-only keyword such as boolean exclusiveMinimum).
import { readFileSync } from 'node:fs';
import Ajv, { type ErrorObject } from 'ajv';

const SCHEMA_PATH = 'node_modules/@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json';

function load() {
  const schema = JSON.parse(readFileSync(SCHEMA_PATH, 'utf8')) as Record<string, unknown>;
  if (typeof schema.id !== 'string' || !String(schema.$schema).includes('draft-04')) throw new Error('unexpected SARIF schema shape');
  schema.$id = schema.id;
  delete schema.id;
  schema.$schema = 'http://json-schema.org/draft-07/schema#';
  const ajv = new Ajv({ strict: false, allErrors: true, unicodeRegExp: false }) // the schema's language pattern is not valid with the u flag;
  // The formats the SARIF schema uses, checked for real (Ajv 8 ships none without ajv-formats).
  ajv.addFormat('uri', (s: string) => /^[a-z][a-z0-9+.-]*:/i.test(s) && URL.canParse(s));
  ajv.addFormat('uri-reference', (s: string) => /^[^\s<>"{}|\\^`]*$/.test(s));
  ajv.addFormat('date-time', (s: string) => /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/.test(s));
  return ajv.compile(schema);
}

const validate = load();

/** Schema errors of `log` (empty when valid). */
export function sarifErrors(log: unknown): ErrorObject[] {
  return validate(log) ? [] : [...(validate.errors ?? [])];
}
