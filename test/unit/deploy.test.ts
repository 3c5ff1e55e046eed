// deploy/kubernetes: the manifests against the official Kubernetes schema (kubernetes-models: the
// validators and TypeScript types generated from the Kubernetes OpenAPI spec; offline), the
// Dockerfile through dockerfile-utils' linter, and the Job's command line through our own parser.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { loadAll } from 'js-yaml';
import { DockerfileParser, type Copy } from 'dockerfile-ast';
import { validate as lintDockerfile } from 'dockerfile-utils';
import { Job } from 'kubernetes-models/batch/v1/Job';
import { PersistentVolumeClaim } from 'kubernetes-models/v1/PersistentVolumeClaim';
import { parseBatchArgs } from '../../server/src/cli/batch/args';

const DIR = 'deploy/kubernetes';
type Doc = { apiVersion: string; kind: string; metadata: { name: string }; spec: Record<string, unknown> };
const docs = (file: string) => loadAll(readFileSync(join(DIR, file), 'utf8')) as Doc[];
/** apiVersion/kind → the generated model (runtime validator) and the TypeScript interface behind it. */
const MODELS: Record<string, { make(d: unknown): { validate(): void }; type: string; from: string }> = {
  'batch/v1 Job': { make: (d) => new Job(d as never), type: 'IJob', from: 'kubernetes-models/batch/v1/Job' },
  'v1 PersistentVolumeClaim': { make: (d) => new PersistentVolumeClaim(d as never), type: 'IPersistentVolumeClaim', from: 'kubernetes-models/v1/PersistentVolumeClaim' },
};
const all = () => [...docs('job.yaml'), ...docs('volumes.yaml')];

/** Type-checks each document as an object literal of its interface: TypeScript's excess property checks catch misspelled fields the schema allows. */
function typeErrors(list: readonly Doc[]): string[] {
  const dir = mkdtempSync(join('test', 'unit', '.deploy-'));
  try {
    const file = join(dir, 'manifests.ts');
    const lines = list.map((d, i) => {
      const m = MODELS[`${d.apiVersion} ${d.kind}`];
      return `import type { ${m.type} as T${i} } from '${m.from}';\nexport const doc${i}: T${i} = ${JSON.stringify(d, null, 2)};`;
    });
    writeFileSync(file, lines.join('\n'));
    const program = ts.createProgram([file], { strict: true, noEmit: true, skipLibCheck: true, module: ts.ModuleKind.CommonJS, moduleResolution: ts.ModuleResolutionKind.Node10, types: [] });
    return ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, ' '));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('every manifest is valid against the official Kubernetes schema', () => {
  for (const d of all()) {
    const model = MODELS[`${d.apiVersion} ${d.kind}`];
    assert.ok(model, `${d.apiVersion} ${d.kind} has a schema here`);
    assert.doesNotThrow(() => model.make(d).validate(), `${d.kind} ${d.metadata.name}`);
  }
  assert.deepEqual(typeErrors(all()), []);
});

test('the checks catch a broken manifest (wrong enum, wrong type, misspelled field)', () => {
  const [job] = docs('job.yaml');
  assert.throws(() => new Job({ ...job, spec: { ...job.spec, completionMode: 'Indexd' } } as never).validate(), /completionMode/);
  assert.throws(() => new Job({ ...job, spec: { ...job.spec, parallelism: 'four' } } as never).validate(), /parallelism/);
  const errors = typeErrors([{ ...job, spec: { ...job.spec, completionMod: 'Indexed' } }]);
  assert.ok(errors.some((e) => /completionMod/.test(e)), errors.join('\n'));
});

test('the Job is an Indexed Job whose pods each write their own shard file', () => {
  const [job] = docs('job.yaml');
  const spec = job.spec as { completionMode: string; completions: number; parallelism: number; template: { spec: { containers: Array<{ args: string[]; env: Array<{ name: string; value?: string }>; volumeMounts: Array<{ name: string; mountPath: string }> }>; volumes: Array<{ name: string; persistentVolumeClaim: { claimName: string } }> } } };
  assert.equal(spec.completionMode, 'Indexed');
  assert.ok(spec.parallelism >= 1 && spec.parallelism <= spec.completions);
  const [c] = spec.template.spec.containers;
  const completions = c.env.find((e) => e.name === 'JOB_COMPLETIONS')?.value;
  assert.equal(Number(completions), spec.completions, 'JOB_COMPLETIONS equals spec.completions');
  // Kubernetes expands $(JOB_COMPLETION_INDEX) in args; the CLI reads the shard from the variables
  const args = c.args.map((a) => a.replace('$(JOB_COMPLETION_INDEX)', '2'));
  const parsed = parseBatchArgs(args.slice(1), { JOB_COMPLETION_INDEX: '2', JOB_COMPLETIONS: completions });
  assert.equal(c.args[0], 'batch');
  assert.deepEqual(parsed.shard, { index: 2, count: spec.completions });
  assert.equal(parsed.output, '/results/shard-2.jsonl');
  assert.equal(parsed.resume, true, 'a restarted pod continues its file');
  // every mount has a volume, every volume a claim defined in volumes.yaml
  const claims = new Set(docs('volumes.yaml').map((d) => d.metadata.name));
  const volumes = new Map(spec.template.spec.volumes.map((v) => [v.name, v.persistentVolumeClaim.claimName]));
  for (const m of c.volumeMounts) assert.ok(claims.has(volumes.get(m.name) ?? ''), m.name);
  assert.ok(parsed.inputs.every((p) => c.volumeMounts.some((m) => p.startsWith(m.mountPath))), 'inputs come from a mounted volume');
});

test('the image: Node 20 slim with the bundled CLI only, and a Dockerfile the linter accepts', () => {
  const text = readFileSync(join(DIR, 'Dockerfile'), 'utf8');
  assert.deepEqual(lintDockerfile(text).map((p) => p.message), []);
  const file = DockerfileParser.parse(text);
  const stages = file.getFROMs();
  const final = stages[stages.length - 1];
  assert.equal(final.getImage(), 'node:20-slim');
  const lastStart = final.getRange().start.line;
  const finalInstructions = file.getInstructions().filter((i) => i.getRange().start.line >= lastStart);
  const copies = finalInstructions.filter((i) => i.getKeyword() === 'COPY') as Copy[];
  assert.deepEqual(copies.map((c) => [c.getFromFlag()?.getValue(), ...c.getArguments().map((a) => a.getValue())]), [['build', '/src/server/out/cli.js', '/src/server/out/probe.js', '/opt/leaklens/']], 'only the bundles');
  // …which are the bundles scripts/build.mjs writes
  const build = readFileSync('scripts/build.mjs', 'utf8');
  for (const out of ['server/out/cli.js', 'server/out/probe.js']) assert.ok(build.includes(`outfile: '${out}'`), out);
  const entry = finalInstructions.find((i) => i.getKeyword() === 'ENTRYPOINT')!;
  assert.deepEqual(JSON.parse(entry.getArgumentsContent()!), ['node', '/opt/leaklens/cli.js']);
  assert.ok(finalInstructions.some((i) => i.getKeyword() === 'USER' && i.getArgumentsContent() === 'node'), 'runs as the unprivileged node user');
});
