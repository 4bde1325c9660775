import Foundation
import AWSModel

/// Each service names the same failures differently; the learner should see what that service really says.
public enum ServiceErrors {
    static func accessDeniedCode(service: String) -> String {
        switch service {
        case "dynamodb", "lambda", "logs": return "AccessDeniedException"
        case "ec2": return "UnauthorizedOperation"
        default: return "AccessDenied"
        }
    }

    static func accessDenied(service: String, message: String, resource: String = "", sameAccount: Bool = true) -> ServiceError {
        if service == "s3" {
            // S3 explains denials only to callers in the bucket owner's account, and quotes the resource ARN.
            guard sameAccount else { return ServiceError(code: "AccessDenied", message: "Access Denied") }
            return ServiceError(code: "AccessDenied", message: message.replacingOccurrences(of: "on resource: \(resource) ", with: "on resource: \"\(resource)\" "))
        }
        if service == "ec2" {
            return ServiceError(code: "UnauthorizedOperation", message: "You are not authorized to perform this operation. \(message)")
        }
        return ServiceError(code: accessDeniedCode(service: service), message: message)
    }

    /// STS's answer to an MFA code: the sandbox's users have no MFA devices, so no serial number is one of theirs,
    /// and STS refuses the code as it does for a device not associated with the caller.
    static let mfaNotAssociated = ServiceError(code: "AccessDenied", message: "MultiFactorAuthentication failed, unable to validate MFA code. Please verify your MFA serial number is valid and associated with this user.")

    /// STS's answer to an operation temporary credentials may not call (GetSessionToken with a session's).
    static func sessionCredentialsRefused(operation: String) -> ServiceError {
        ServiceError(code: "AccessDenied", message: "Cannot call \(operation) with session credentials")
    }

    public static func unknownAccessKey(service: String) -> ServiceError {
        switch service {
        case "s3": return ServiceError(code: "InvalidAccessKeyId", message: "The AWS Access Key Id you provided does not exist in our records.")
        case "ec2": return ServiceError(code: "AuthFailure", message: "AWS was not able to validate the provided access credentials")
        case "dynamodb", "lambda", "logs": return ServiceError(code: "UnrecognizedClientException", message: "The security token included in the request is invalid.")
        default: return ServiceError(code: "InvalidClientTokenId", message: "The security token included in the request is invalid.")
        }
    }

    public static func signatureMismatch(service: String) -> ServiceError {
        if service == "ec2" { return ServiceError(code: "AuthFailure", message: "AWS was not able to validate the provided access credentials") }
        let message = "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details."
        return ServiceError(code: service == "dynamodb" || service == "lambda" || service == "logs" ? "InvalidSignatureException" : "SignatureDoesNotMatch", message: message)
    }

    static func expiredToken(service: String) -> ServiceError {
        switch service {
        case "s3": return ServiceError(code: "ExpiredToken", message: "The provided token has expired.")
        case "dynamodb", "lambda", "logs": return ServiceError(code: "ExpiredTokenException", message: "The security token included in the request is expired")
        case "ec2": return ServiceError(code: "RequestExpired", message: "Request has expired.")
        default: return ServiceError(code: "ExpiredToken", message: "The security token included in the request is expired")
        }
    }

    static func missingParameter(_ name: String) -> ServiceError {
        ServiceError(code: "ValidationError", message: "1 validation error detected: Value null at '\(lowerFirst(name))' failed to satisfy constraint: Member must not be null")
    }

    static func lowerFirst(_ name: String) -> String {
        guard let first = name.first else { return name }
        return first.lowercased() + name.dropFirst()
    }
}
