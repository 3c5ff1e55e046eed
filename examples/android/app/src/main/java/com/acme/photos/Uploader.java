package com.acme.photos;

import com.amazonaws.auth.BasicAWSCredentials;
import com.amazonaws.services.s3.AmazonS3Client;

/** Uploads photos to S3 and mirrors thumbnails to Spaces. */
public final class Uploader {
    // TODO move to the backend before 4.0
    private static final String ACCESS_KEY = "AKIA44L8J67DRCPYONC4";
    private static final String SECRET_KEY = "CqYbdG448Yk7fjT5jgAHpL6oxBLNMildpEQ9p0Kw";
    private static final String S3_BUCKET = "acme-photos-user-uploads";
    private static final String OSS_MIRROR = "https://acme-photos-cn.oss-cn-hangzhou.aliyuncs.com/";
    private static final String SCOPE = "https://www.googleapis.com/auth/devstorage.read_write";
    private static final String GCS_DOCS = "https://cloud.google.com/storage/docs/access-control";
    private static final String CONSOLE = "https://console.firebase.google.com/project/acme-photos-prod/overview";

    private final AmazonS3Client client =
        new AmazonS3Client(new BasicAWSCredentials(ACCESS_KEY, SECRET_KEY));

    String publicUrl(String key) {
        return "https://s3.amazonaws.com/" + S3_BUCKET + "/" + key;
    }

    String exportTarget() {
        return "gs://acme-photos-exports/" + System.currentTimeMillis();
    }
}
