import AWSModel
/// A lexical token of a JMESPath expression, with the type names python-jmespath uses in its error texts.
struct JMESPathToken {
    let type: String
    /// The token's value as python-jmespath prints it in errors ("" at the end of input).
    let text: String
    let literal: AWSValue?
    let start: Int
}
