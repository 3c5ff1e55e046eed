import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bucketRoot } from '../../../server/src/probe/probes/s3';
import { gcsBucket } from '../../../server/src/probe/probes/gcs';

test('S3 bucket roots: virtual-hosted, path-style, website and dotted names reach the REST endpoint', () => {
  assert.deepEqual(bucketRoot('s3', 'https://acme-media.s3.amazonaws.com/'), { bucket: 'acme-media', root: 'https://acme-media.s3.amazonaws.com/' });
  assert.deepEqual(bucketRoot('s3', 'https://acme-media.s3.eu-west-1.amazonaws.com/x/y.png'), { bucket: 'acme-media', root: 'https://acme-media.s3.eu-west-1.amazonaws.com/' });
  assert.deepEqual(bucketRoot('s3', 'https://s3.us-west-2.amazonaws.com/acme-media/k'), { bucket: 'acme-media', root: 'https://s3.us-west-2.amazonaws.com/acme-media/' });
  assert.deepEqual(bucketRoot('s3', 'https://acme-site.s3-website-us-east-1.amazonaws.com/'), { bucket: 'acme-site', root: 'https://acme-site.s3.us-east-1.amazonaws.com/' });
  assert.deepEqual(bucketRoot('s3', 'https://acme-site.s3-website.eu-central-1.amazonaws.com/'), { bucket: 'acme-site', root: 'https://acme-site.s3.eu-central-1.amazonaws.com/' });
  assert.deepEqual(bucketRoot('s3', 'https://media.acme.com.s3.amazonaws.com/'), { bucket: 'media.acme.com', root: 'https://s3.amazonaws.com/media.acme.com/' });
  assert.deepEqual(bucketRoot('s3', 'https://acme.s3.dualstack.us-east-1.amazonaws.com/'), { bucket: 'acme', root: 'https://acme.s3.dualstack.us-east-1.amazonaws.com/' });
  assert.equal(bucketRoot('s3', 'https://s3.amazonaws.com/'), undefined);
  assert.deepEqual(bucketRoot('spaces', 'https://acme.fra1.digitaloceanspaces.com/'), { bucket: 'acme', root: 'https://acme.fra1.digitaloceanspaces.com/' });
  assert.deepEqual(bucketRoot('oss', 'https://acme.oss-cn-hangzhou.aliyuncs.com/'), { bucket: 'acme', root: 'https://acme.oss-cn-hangzhou.aliyuncs.com/' });
});

test('GCS bucket from every URL form the rules emit', () => {
  assert.equal(gcsBucket('https://storage.googleapis.com/storage/v1/b/acme-avatars/o'), 'acme-avatars');
  assert.equal(gcsBucket('https://storage.googleapis.com/acme-avatars/'), 'acme-avatars');
  assert.equal(gcsBucket('https://acme-avatars.storage.googleapis.com/'), 'acme-avatars');
  assert.equal(gcsBucket('https://storage.googleapis.com/'), undefined);
});
