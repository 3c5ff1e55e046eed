import { test } from 'node:test';
import assert from 'node:assert/strict';
import { covered, oneOf, scanRule } from '../../helpers/ruleFindings';
import type { Finding } from '../../../server/src/core/types';

const RULE = 'fcm-server-key';
const scan = (path: string, text: string): Finding[] => scanRule(path, text, RULE);
const one = (path: string, text: string): Finding => oneOf(path, text, RULE);

const TAIL = 'H7kLmN3pQrStUvWxYz0123456789AbCdEfGhIjKlMnOpQrStUvWxYz_-aBcDeFgHiJkLmNoPqRsTuVwXyZ0987654321ZyXwVuTsRqPoNmLkJiHgFeDcBa-_QwErTyUiOpAsDf';
const KEY = `AAAAx1y2z3a:APA91b${TAIL}`;
const KEY2 = `AAAAQ9w8e7r:APA91b${TAIL.split('').reverse().join('')}`;

test('fcm-server-key: legacy server keys in Kotlin, Java, Swift, ObjC, Dart, JS, XML, plist, .env and JSON, redacted', () => {
  assert.equal(KEY.length, 152);
  const cases: Array<[string, string, string]> = [
    ['app/src/main/java/com/acme/Push.kt', `const val SERVER_KEY = "${KEY}"\n`, KEY],
    ['app/src/main/java/com/acme/Push.java', `conn.setRequestProperty("Authorization", "key=${KEY}");\n`, KEY],
    ['ios/App/Push.swift', `request.setValue("key=${KEY2}", forHTTPHeaderField: "Authorization")\n`, KEY2],
    ['ios/App/Push.m', `static NSString *const kServerKey = @"${KEY}";\n`, KEY],
    ['lib/push.dart', `const serverKey = '${KEY}';\n`, KEY],
    ['src/notify.js', `headers: { Authorization: \`key=${KEY2}\` },\n`, KEY2],
    ['app/src/main/res/values/strings.xml', `<string name="fcm_server_key">${KEY}</string>\n`, KEY],
    ['ios/App/Info.plist', `<key>FCMServerKey</key>\n<string>${KEY}</string>\n`, KEY],
    ['.env', `FCM_SERVER_KEY=${KEY}\n`, KEY],
    ['app/src/main/assets/push.json', `{ "serverKey": "${KEY2}" }\n`, KEY2],
  ];
  for (const [path, text, raw] of cases) {
    const f = one(path, text);
    assert.deepEqual([f.value, f.severity, f.provider, f.endpoint], [`${raw.slice(0, 8)}…`, 'critical', 'firebase', undefined], path);
    assert.equal(covered(text, f), raw, `${path}: the range covers the whole key`);
    assert.ok(!JSON.stringify(f).includes(raw.slice(12)), `${path}: the key never appears in the finding`);
  }
});

test('fcm-server-key: device registration tokens, placeholders, truncated keys and API keys are not findings', () => {
  const token = `dXbZ3kLmN0pQrStUvWxYz1:APA91b${TAIL}`;
  const negatives: Array<[string, string]> = [
    ['a.kt', `val deviceToken = "${token}"\n`],
    ['a.swift', `let k = "AAAAxxxxxxx:APA91bxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"\n`],
    ['a.js', `const k = "AAAAx1y2z3a:APA91b${TAIL.slice(0, 60)}";\n`],
    ['a.java', 'String k = "AIzaSyC7pQ2vN4kR8tW1xZ5bD9fH3jL6mP0sU2a"; String s = "YOUR_SERVER_KEY";\n'],
    ['a.dart', `const k = 'xAAAAx1y2z3a:APA91b${TAIL}'; const m = 'AAAAx1y2z3:APA91b${TAIL}';\n`],
    ['.env', 'FCM_SERVER_KEY=${FCM_SERVER_KEY}\nFCM_KEY=AAAA...:APA91b...\n'],
  ];
  for (const [path, text] of negatives) assert.deepEqual(scan(path, text).map((f) => f.value), [], `${path}: ${text}`);
});
