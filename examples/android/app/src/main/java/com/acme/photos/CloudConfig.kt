package com.acme.photos

import com.google.firebase.database.FirebaseDatabase

/**
 * Where Acme Photos keeps user media. See the setup guide:
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/UsingBucket.html
 */
object CloudConfig {
    // Primary media store (S3, eu-west-1)
    const val MEDIA_URL = "https://acme-photos-user-uploads.s3.eu-west-1.amazonaws.com/"
    const val THUMBS_BUCKET_ARN = "arn:aws:s3:::acme-photos-thumbnails"

    // Azure mirror for EU customers
    const val AZURE_CONNECTION =
        "DefaultEndpointsProtocol=https;AccountName=acmephotosbackup;" +
        "AccountKey=/GTa90j093x4D6XwIz9s/XqTeWa0JKoR3RhP1zVSBqjNhLj+sn+gl2uAess+ATY3JSZ7k9oENBOeArlbGQN2yQ==;" +
        "EndpointSuffix=core.windows.net"
    const val SHARE_LINK =
        "https://acmephotosbackup.blob.core.windows.net/shared?sv=2022-11-02&ss=b&srt=sco&sp=rwdlac&se=2030-01-01T00:00:00Z&st=2024-01-01T00:00:00Z&spr=https&sig=Zx8pQ2vN4kL9mR3tY7wB1cD5fG6hJ0aS2eU4iO8pQ1w%3D"

    // Local development: Azurite and the Firebase emulator
    const val AZURITE = "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;BlobEndpoint=http://10.0.2.2:10000/devstoreaccount1;"
    const val USE_EMULATOR = "UseDevelopmentStorage=true"

    // Placeholders filled in by CI for white-label builds
    const val PARTNER_BUCKET = "<your-bucket>"
    const val PARTNER_KEY = BuildConfig.AWS_KEY_ID
    const val DOCS_KEY = "AKIAIOSFODNN7EXAMPLE"

    val database: FirebaseDatabase by lazy {
        FirebaseDatabase.getInstance("https://acme-photos-" +
            "prod-default-rtdb.firebaseio.com")
    }

    fun avatarUrl(userId: String) = "https://storage.googleapis.com/acme-photos-avatars/$userId.jpg"
}
