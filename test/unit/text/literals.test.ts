// Config held inside string literals, in every literal kind: Amplify's generated Dart files (Gen 1
// `lib/amplifyconfiguration.dart`, Gen 2 `lib/amplify_outputs.dart`), Kotlin raw and multi-line
// strings, Swift multi-line and raw strings, JS template literals, Java text blocks, and JSON with
// escaped quotes in ordinary literals. Values are made up; the layout follows the generators' output.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createEngine } from '../../../server/src/core/engine';

const engine = createEngine();
const BUCKET = 'photoshare7c2e91d4a6b84f0e9d1c3b5a7e9f2d4c80512-dev';
const POOL = 'eu-west-1:6b1f3c2d-8e4a-4d7b-9c5e-2a1f0e3d4c5b';
const GEN2_BUCKET = 'amplify-photoshare-main-sandbox-storagebucket4c2d-k8f3m2n7q1w5';

/** What the Amplify CLI (Gen 1) writes into lib/amplifyconfiguration.dart, minus the parts no rule reads. */
const gen1Json = (bucket: string) => `{
    "UserAgent": "aws-amplify-cli/2.0",
    "Version": "1.0",
    "api": {
        "plugins": {
            "awsAPIPlugin": {
                "photoshare": {
                    "endpointType": "GraphQL",
                    "endpoint": "https://q3w5e7r9t1y3u5i7o9p1a3s5d7.appsync-api.eu-west-1.amazonaws.com/graphql",
                    "region": "eu-west-1",
                    "authorizationType": "AMAZON_COGNITO_USER_POOLS"
                }
            }
        }
    },
    "auth": {
        "plugins": {
            "awsCognitoAuthPlugin": {
                "UserAgent": "aws-amplify-cli/0.1.0",
                "Version": "0.1.0",
                "IdentityManager": {
                    "Default": {}
                },
                "CredentialsProvider": {
                    "CognitoIdentity": {
                        "Default": {
                            "PoolId": "${POOL}",
                            "Region": "eu-west-1"
                        }
                    }
                },
                "CognitoUserPool": {
                    "Default": {
                        "PoolId": "eu-west-1_Q7w3E9r1T",
                        "AppClientId": "5k2m8n4p6q1r3s7t9v0w2x4y6z",
                        "Region": "eu-west-1"
                    }
                }
            }
        }
    },
    "storage": {
        "plugins": {
            "awsS3StoragePlugin": {
                "bucket": "${bucket}",
                "region": "eu-west-1",
                "defaultAccessLevel": "guest"
            }
        }
    }
}`;

/** What `ampx generate outputs --format dart` (Gen 2) writes into lib/amplify_outputs.dart. */
const gen2Json = `{
  "auth": {
    "user_pool_id": "eu-west-1_Q7w3E9r1T",
    "aws_region": "eu-west-1",
    "user_pool_client_id": "5k2m8n4p6q1r3s7t9v0w2x4y6z",
    "identity_pool_id": "${POOL}",
    "mfa_methods": [],
    "standard_required_attributes": [
      "email"
    ],
    "unauthenticated_identities_enabled": true
  },
  "storage": {
    "aws_region": "eu-west-1",
    "bucket_name": "${GEN2_BUCKET}",
    "buckets": [
      {
        "name": "photoshareStorage",
        "bucket_name": "${GEN2_BUCKET}",
        "aws_region": "eu-west-1",
        "paths": {
          "public/*": {
            "guest": [
              "get",
              "list"
            ]
          }
        }
      }
    ]
  },
  "version": "1.4"
}`;

const found = (path: string, text: string) =>
  engine.scanText(path, text).findings.map((f) => [f.ruleId, f.value, f.location.line] as const);

test('Amplify Gen 1 lib/amplifyconfiguration.dart (\'\'\' literal): bucket with a random suffix and identity pool', () => {
  const text = `const amplifyconfig = '''${gen1Json(BUCKET)}''';\n`;
  const lines = text.split('\n');
  const lineOf = (needle: string) => lines.findIndex((l) => l.includes(needle)) + 1;
  assert.deepEqual(found('lib/amplifyconfiguration.dart', text), [
    ['aws-cognito-identity-pool', POOL, lineOf(POOL)],
    ['aws-s3-bucket', BUCKET, lineOf(`"bucket": "${BUCKET}"`)],
  ]);
  const bucket = engine.scanText('lib/amplifyconfiguration.dart', text).findings.find((f) => f.ruleId === 'aws-s3-bucket')!;
  assert.equal(bucket.endpoint, `https://${BUCKET}.s3.eu-west-1.amazonaws.com/`, 'region from the plugin config');
  assert.equal(lines[bucket.location.line - 1].slice(bucket.location.column - 1, bucket.location.endColumn - 1), BUCKET);
});

test('Amplify Gen 1 with the real-world "gallerysample…-amplifyapp" bucket is found (not a placeholder)', () => {
  const sample = 'gallerysample4b7e2c9a1d3f4e5a8b6c0d2e4f6a8b1c305-amplifyapp';
  const values = (path: string, text: string) => found(path, text).filter(([id]) => id === 'aws-s3-bucket').map(([, v]) => v);
  assert.deepEqual(values('lib/amplifyconfiguration.dart', `const amplifyconfig = '''${gen1Json(sample)}''';\n`), [sample]);
  assert.deepEqual(values('lib/amplifyconfiguration.dart', `const amplifyconfig = """${gen1Json(sample)}""";\n`), [sample]);
  assert.deepEqual(values('lib/amplifyconfiguration.dart', `const amplifyconfig = r'''${gen1Json(sample)}''';\n`), [sample]);
  assert.deepEqual(values('amplifyconfiguration.json', gen1Json(sample)), [sample], 'the same JSON as a .json file');
});

test('Amplify Gen 2 lib/amplify_outputs.dart (r\'\'\' literal): identity pool, storage bucket_name and buckets[]', () => {
  const text = `const amplifyConfig = r'''${gen2Json}''';\n`;
  const rows = found('lib/amplify_outputs.dart', text);
  assert.deepEqual(rows.map(([id, v]) => [id, v]), [
    ['aws-cognito-identity-pool', POOL],
    ['aws-s3-bucket', GEN2_BUCKET],
    ['aws-s3-bucket', GEN2_BUCKET],
  ]);
  const endpoints = engine.scanText('lib/amplify_outputs.dart', text).findings.map((f) => f.endpoint);
  assert.deepEqual(endpoints.slice(1), [`https://${GEN2_BUCKET}.s3.eu-west-1.amazonaws.com/`, `https://${GEN2_BUCKET}.s3.eu-west-1.amazonaws.com/`]);
});

test('the same config in every literal kind yields the same bucket and pool', () => {
  const json = gen1Json(BUCKET);
  const oneLine = json.replace(/\n\s*/g, ' ');
  const escaped = (s: string) => s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
  const cases: Array<[string, string]> = [
    ['kotlin raw', `val config = """${json}""".trimIndent()\n`],
    ['kotlin trimMargin', `val config = """\n${json.split('\n').map((l) => `    |${l}`).join('\n')}\n""".trimMargin()\n`],
    ['kotlin escaped', `val config = JSONObject("${escaped(json)}")\n`],
    ['swift multi-line', `let config = """\n${json}\n"""\n`],
    ['swift raw', `let config = #"${oneLine}"#\n`],
    ['swift escaped', `let config = "${escaped(oneLine)}"\n`],
    ['js template', `export const config = \`${json}\`;\n`],
    ['js escaped', `export const config = JSON.parse("${escaped(oneLine)}");\n`],
    ['java text block', `String config = """\n${json}\n""";\n`],
    ['java escaped concat', `String config = "{\\"storage\\": {\\"plugins\\": {\\"awsS3StoragePlugin\\": {" +\n  "\\"bucket\\": \\"${BUCKET}\\", \\"region\\": \\"eu-west-1\\"}}}, " +\n  "\\"PoolId\\": \\"${POOL}\\"}";\n`],
    ['objc escaped', `NSString *config = @"${escaped(oneLine)}";\n`],
  ];
  const paths: Record<string, string> = { kotlin: 'app/src/main/java/Config.kt', swift: 'ios/App/Config.swift', js: 'src/config.js', java: 'app/src/main/java/Config.java', objc: 'ios/App/Config.m' };
  for (const [name, text] of cases) {
    const path = paths[name.split(' ')[0]];
    const values = found(path, text).map(([id, v]) => `${id}=${v}`).sort();
    assert.deepEqual(values, [`aws-cognito-identity-pool=${POOL}`, `aws-s3-bucket=${BUCKET}`], name);
  }
});

test('placeholders and interpolations inside literals stay quiet', () => {
  const texts: Array<[string, string]> = [
    ['lib/amplifyconfiguration.dart', `const amplifyconfig = '''${gen1Json('YOUR_BUCKET_NAME').replace(POOL, 'YOUR_IDENTITY_POOL_ID')}''';\n`],
    ['lib/amplifyconfiguration.dart', `final amplifyconfig = '''${gen1Json('${config["s3BucketName"]}')}''';\n`],
    ['src/config.js', `export const config = \`${gen1Json('${process.env.BUCKET}')}\`;\n`],
    ['ios/App/Config.swift', `let config = """\n${gen1Json('\\(bucketName)')}\n"""\n`],
  ];
  for (const [path, text] of texts) {
    assert.deepEqual(found(path, text).filter(([id]) => id === 'aws-s3-bucket'), [], path);
  }
});
