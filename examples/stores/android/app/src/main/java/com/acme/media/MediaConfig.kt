package com.acme.media

object MediaConfig {
    // Uploads go to R2 through its S3 API; thumbnails come from B2 and Wasabi.
    const val R2_UPLOADS = "https://7c3e9a1f5b2d4e6081a9c7b5d3f1e2a4.r2.cloudflarestorage.com/acme-uploads/"
    const val B2_THUMBS = "https://f005.backblazeb2.com/file/acme-thumbs/"
    const val WASABI_VIDEOS = "https://acme-videos.s3.eu-central-2.wasabisys.com/"
    const val FCM_SERVER_KEY = "AAAAk7Qw2Zp:APA91bGx4Vn8Rt2Lm6Kp0Qs9Wd3Fh7Jc1Yb5Nu8Ie2Oa4Tg6Rz0Xv3Mq7Ls9Dk1Hp5Cw8Bn2Ej4Uy6Fo0Ia3Sg7Zt9Xr1Pl5Vm8Kd2Nc6Wb0Je4Qh7Tf3Yu9Go1Ri5Ex8Lz2Ka6Ms0Dp"

    // SDK-style host builders are not findings: nothing names a bucket here.
    fun wasabiHost(bucket: String, region: String) = String.format("%s.s3.%s.wasabisys.com", bucket, region)
    fun b2Url(bucket: String) = "https://f005.backblazeb2.com/file/$bucket/"
}
