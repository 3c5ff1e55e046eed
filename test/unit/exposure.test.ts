import { test } from 'node:test';
import assert from 'node:assert/strict';
import { classifyNames, compareEndpointRisk, exposureTier, nameCategories, nameWords } from '../../server/src/core/exposure';
import type { EndpointResult, ExposureCategory } from '../../server/src/core/types';

const of = (...names: string[]) => classifyNames(names);

test('words of a name: camelCase, snake_case, kebab-case, paths, digits and extensions', () => {
  assert.deepEqual(nameWords('userPhotos/2024_lab-results.JPG'), ['user', 'photos', 'lab', 'results', 'jpg']);
  assert.deepEqual(nameWords('HTTPServerLogs'), ['http', 'server', 'logs']);
  assert.deepEqual(nameWords('USER_DATA'), ['user', 'data']);
});

test('each category from the names apps give their tables, keys and folders', () => {
  const cases: Array<[string[], ExposureCategory]> = [
    [['users', 'profiles', 'customers', 'emails', 'phones', 'addresses', 'contacts', 'user'], 'personal-data'],
    [['patients', 'lab_results', 'prescriptions', 'medical', 'health_records', 'labResults', 'diagnoses'], 'health'],
    [['payments', 'orders', 'cards', 'invoices', 'transactions', 'billing', 'credit-cards'], 'payments'],
    [['tokens', 'sessions', 'passwords', 'credentials', 'api_keys', 'secrets', 'apiKeys', 'refresh_tokens'], 'credentials'],
    [['photos', 'images', 'videos', 'uploads', 'avatars', 'media'], 'media'],
    [['messages', 'chats', 'conversations', 'inbox', 'directMessages'], 'messages'],
    [['locations', 'gps', 'geo', 'checkins', 'check_ins', 'trips'], 'location'],
  ];
  for (const [names, category] of cases) {
    for (const name of names) assert.deepEqual([...nameCategories(name)], [category], name);
  }
});

test('prefixes, run-together words and media files', () => {
  assert.deepEqual(of('user_photos/'), ['personal-data', 'media']);
  assert.deepEqual(of('userphotos'), ['personal-data', 'media']);
  assert.deepEqual(of('healthrecords', 'patientdata'), ['health']);
  assert.deepEqual(of('2024/03/IMG_0042.HEIC'), ['media']);
  assert.deepEqual(of('exports/a.mp4'), ['media']);
  assert.deepEqual(of('UserProfiles', 'ChatMessages'), ['personal-data', 'messages']);
});

test('names that suggest nothing sensitive give nothing (no guesses from look-alike words)', () => {
  assert.deepEqual(of('config', 'logs', 'feature_flags', 'leaderboard', 'app_version', 'a.txt', 'x.json'), []);
  // words that merely start like a category word
  assert.deepEqual(of('cardinality', 'geometry', 'mediator', 'messaging_config_v2x', 'ordering', 'tokenizer', 'userland'), []);
  // ambiguous words left out on purpose
  assert.deepEqual(of('routes', 'positions', 'auth', 'keys', 'results'), []);
  assert.deepEqual(of(''), []);
});

test('the result is in the canonical order, each category once, and the work is bounded', () => {
  assert.deepEqual(of('trips', 'users', 'photos', 'orders', 'users'), ['personal-data', 'payments', 'media', 'location']);
  const many = Array.from({ length: 5000 }, (_, i) => `x${i}`);
  assert.deepEqual(of(...many, 'patients'), [], 'names past the bound are not looked at');
  assert.deepEqual(of('a'.repeat(100_000) + 'patients'), [], 'a name is read up to its bound');
});

test('risk order: open before closed, health or credentials first, then the number of categories', () => {
  const ep = (status: EndpointResult['status'], exposes?: ExposureCategory[]) => ({ status, exposes });
  const list = [
    ep('auth-required'),
    ep('open-list', ['media']),
    ep('open-read', ['personal-data', 'payments']),
    ep('open-read', ['credentials']),
    ep('open-list'),
    ep('open-read', ['health', 'personal-data']),
  ];
  const sorted = [...list].sort(compareEndpointRisk);
  assert.deepEqual(sorted.map((e) => `${e.status}:${(e.exposes ?? []).join('+')}`), [
    'open-read:health+personal-data', 'open-read:credentials', 'open-read:personal-data+payments', 'open-list:media', 'open-list:', 'auth-required:',
  ]);
  assert.equal(exposureTier(['media', 'health']), 0);
  assert.equal(exposureTier(undefined), 4);
});
