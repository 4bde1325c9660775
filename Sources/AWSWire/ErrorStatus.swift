/// The HTTP status AWS answers each error code with: one table for every protocol (the SDKs read the code from
/// the body, but retry by status, so a server-side failure must be a 5xx and a client's mistake a 4xx).
public enum ErrorStatus {
    public static func of(_ code: String) -> Int {
        switch code {
        case "AccessDenied", "AccessDeniedException", "InvalidClientTokenId", "SignatureDoesNotMatch", "ExpiredToken",
             "MissingAuthenticationToken", "IncompleteSignature", "RequestTimeTooSkewed", "XAmzContentSHA256Mismatch",
             "InvalidAccessKeyId", "UnauthorizedOperation": 403
        case "AuthFailure": 401
        case "NoSuchEntity", "ResourceNotFoundException", "NoSuchBucket", "NoSuchKey", "NoSuchBucketPolicy",
             "NoSuchPublicAccessBlockConfiguration": 404
        case "EntityAlreadyExists", "DeleteConflict", "ResourceConflictException", "BucketAlreadyExists",
             "BucketAlreadyOwnedByYou", "BucketNotEmpty": 409
        case "TooManyRequestsException": 429
        case "InternalFailure", "InternalError": 500
        case "NotImplemented": 501
        case "ServiceUnavailable": 503
        default: 400
        }
    }

    /// The JSON protocols (DynamoDB, CloudWatch Logs) answer every client error with 400, denials included.
    public static func ofJSONProtocol(_ code: String) -> Int {
        let status = of(code)
        return status >= 500 ? status : 400
    }
}
