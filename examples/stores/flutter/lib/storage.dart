// Media hosts of the Flutter app.
class Storage {
  static const linodeAvatars = 'https://acme-avatars.us-iad-1.linodeobjects.com/';
  static const scalewayDocs = 'https://s3.fr-par.scw.cloud/acme-docs/';
  static const cosBanners = 'https://acme-banners-1307654321.cos.ap-singapore.myqcloud.com/';
  static const ibmReports = 'https://acme-reports.s3.eu-de.cloud-object-storage.appdomain.cloud/';
  // Documentation example from the COS guide, not the app's bucket.
  static const cosDocs = 'https://examplebucket-1250000000.cos.ap-guangzhou.myqcloud.com/exampleobject';
  static String cosHost(String bucket, String region) => '$bucket.cos.$region.myqcloud.com';
}
