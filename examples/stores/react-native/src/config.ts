// Remote content for the React Native app.
export const CATALOG_URL = 'https://objectstorage.eu-frankfurt-1.oraclecloud.com/n/frx7k2qmz9ab/b/acme-catalog/o/catalog.json';
export const FEED_PAR = 'https://objectstorage.eu-frankfurt-1.oraclecloud.com/p/Vq8Zk3Lm7Rt2Xw9Bn4Yc6Pd1Gh5Jf0Ks-Ua3Ei_Wo8Tq2Nb/n/frx7k2qmz9ab/b/acme-feed/o/';
export const PUBLIC_ASSETS = 'https://pub-3f9b2e7d1c6a4058b9e2d7f1a3c5b8e0.r2.dev';
export const STS_BEARER_ID = 'ABIAQ7ZK3MWR5TX2NB4P';
// OCI docs placeholder, not a bucket:
export const OCI_DOC = 'https://objectstorage.us-ashburn-1.oraclecloud.com/n/MyNamespace/b/MyBucket/o/';
