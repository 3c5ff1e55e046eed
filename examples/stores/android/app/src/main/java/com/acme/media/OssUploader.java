package com.acme.media;

import com.alibaba.sdk.android.oss.common.auth.OSSCredentialProvider;
import com.alibaba.sdk.android.oss.common.auth.OSSPlainTextAKSKCredentialProvider;

public class OssUploader {
    static final String ENDPOINT = "https://oss-cn-hangzhou.aliyuncs.com";
    OSSCredentialProvider provider = new OSSPlainTextAKSKCredentialProvider("LTAI5tQm8Rz2Xw4Kp7Vb9Nc3", "Hq7Lk2Zr9Xw3Tn5Vb8Yc1Ud4Ie6Op0");
    // From the SDK's README: placeholders, not a key.
    OSSCredentialProvider sample = new OSSPlainTextAKSKCredentialProvider("<yourAccessKeyId>", "<yourAccessKeySecret>");
}
