#import "LegacyUploader.h"

// Kept for iOS 12 users until the 4.0 migration.
static NSString * const kLegacyContainer = @"https://acmephotoslegacy.blob.core.windows.net/ios-uploads";
static NSString * const kLegacyStorageKey = @"DefaultEndpointsProtocol=https;AccountName=acmephotoslegacy;AccountKey=L+JnRFOmYBg2oWZeKBAoDJhHEbQnF74dnKZGEferPaMXV8/rQx49uenHNtpxq8VgP5ByuBrMJwCLNaHG3/TyvQ==;EndpointSuffix=core.windows.net";
static NSString * const kGcsAvatars = @"https://acme-ios-avatars.storage.googleapis.com/";
static NSString * const kDocsURL = @"https://learn.microsoft.com/azure/storage/common/storage-sas-overview";

@implementation LegacyUploader

- (NSURL *)uploadURLForName:(NSString *)name {
    NSString *base = @"https://acme-photos-legacy.s3-us-west-2."
                     @"amazonaws.com/";
    return [NSURL URLWithString:[base stringByAppendingString:name]];
}

@end
