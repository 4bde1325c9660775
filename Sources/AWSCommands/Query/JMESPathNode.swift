import AWSModel
/// A parsed JMESPath expression (the node kinds of python-jmespath's AST).
indirect enum JMESPathNode {
    case field(String)
    case subexpression([JMESPathNode])
    case index(Int)
    case slice(start: Int?, stop: Int?, step: Int?)
    case indexExpression([JMESPathNode])
    case projection(JMESPathNode, JMESPathNode)
    case valueProjection(JMESPathNode, JMESPathNode)
    case filterProjection(JMESPathNode, JMESPathNode, condition: JMESPathNode)
    case flatten(JMESPathNode)
    case identity
    case current
    case literal(AWSValue)
    case comparator(String, JMESPathNode, JMESPathNode)
    case or(JMESPathNode, JMESPathNode)
    case and(JMESPathNode, JMESPathNode)
    case not(JMESPathNode)
    case pipe(JMESPathNode, JMESPathNode)
    case multiSelectList([JMESPathNode])
    case multiSelectHash([(String, JMESPathNode)])
    case function(String, [JMESPathNode])
    case expressionReference(JMESPathNode)

    var isSubexpression: Bool {
        if case .subexpression = self { return true }
        return false
    }
}
