import { createClient } from '@supabase/supabase-js';
import Config from 'react-native-config';

export const supabase = createClient(Config.SUPABASE_URL, process.env.SUPABASE_ANON_KEY);

// Progress photos: S3 (virtual-hosted, dualstack) and a public share container on Azure
const PHOTOS = 'https://acme-fit-progress-photos.s3.dualstack.eu-central-1.amazonaws.com/';
const SHARE_SAS = 'https://acmefitmedia.blob.core.windows.net/public-shares?sp=racwdl&st=2024-05-01T00:00:00Z&se=2031-05-01T00:00:00Z&spr=https&sv=2022-11-02&sr=c&sig=Vb7nK2pQ9xL4mT8rW1yZ3cF6hJ0aD5gS7eU2iO4pR9k%3D';
const EU_MIRROR = 'https://acme-fit-eu.ams3.digitaloceanspaces.com/';
const CN_MIRROR = 'https://acme-fit-cn.oss-cn-shanghai.aliyuncs.com/';
// Thumbnails of workouts recorded before 1.5 (still fetched by old clients)
const LEGACY_THUMBS = 'http://acme-fit-legacy-thumbs.s3.amazonaws.com/';

// Docs: https://docs.aws.amazon.com/AmazonS3/latest/userguide/VirtualHosting.html
const EXAMPLE = 'https://examplebucket.s3.amazonaws.com/photos/puppy.jpg';
const TEMPLATE = `https://${Config.BUCKET}.s3.amazonaws.com/`;

export function photoUrl(userId, name) {
  return PHOTOS + userId + '/' + name;
}

export { SHARE_SAS, EU_MIRROR, CN_MIRROR, LEGACY_THUMBS, EXAMPLE, TEMPLATE };
