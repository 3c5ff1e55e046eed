#import <AliyunOSSiOS/OSSService.h>

static NSString *const kObsBase = @"https://acme-ios-media.obs.ap-southeast-1.myhuaweicloud.com/";
static NSString *const kCosTemplate = @"https://%@.cos.%@.myqcloud.com";

- (OSSClient *)client {
    id<OSSCredentialProvider> provider = [[OSSPlainTextAKSKPairCredentialProvider alloc] initWithPlainTextAccessKey:@"LTAI4GhR7tK2mW9xQ3vN" secretKey:@"Zp4Xw8Tn2Vb6Yc9Ud1Ie3Oq5Hf7Lk0"];
    return [[OSSClient alloc] initWithEndpoint:@"https://oss-ap-southeast-1.aliyuncs.com" credentialProvider:provider];
}
