import Lessons

/// How lessons, steps, questions and tasks look in the terminal.
extension TerminalRenderer {
    /// A whole lesson, as `rolecall show` prints it. Answers, explanations and solutions only when asked for.
    public func render(_ lesson: Lesson, revealingAnswers: Bool = false) -> String {
        var output = renderHeader(of: lesson)
        for (index, step) in lesson.steps.enumerated() {
            output += "\n" + render(step, number: index + 1, of: lesson.steps.count)
            if revealingAnswers, let answer = renderAnswer(for: step) {
                output += "\n" + answer
            }
        }
        return output
    }

    public func renderHeader(of lesson: Lesson) -> String {
        var blocks: [MarkdownBlock] = [
            .heading(level: 1, content: [.text(lesson.title)]),
            .paragraph([.emphasis([.text(lesson.summary)]), .text(" (about \(lesson.minutes) minutes)")]),
            .paragraph([.strong([.text("You will be able to:")])]),
            .list(MarkdownList(isOrdered: false, start: 1, isTight: true, items: lesson.objectives.map { [.paragraph([.text($0)])] })),
        ]
        if !lesson.prerequisites.isEmpty {
            blocks.append(.paragraph([.text("Before this lesson: "), .code(lesson.prerequisites.joined(separator: ", "))]))
        }
        return render(blocks)
    }

    /// One step: its title with its place in the lesson, its text, then its question or task.
    public func render(_ step: Step, number: Int, of total: Int) -> String {
        var output = render([.heading(level: 2, content: [.text("\(step.title)  (\(number)/\(total))")])])
        if !step.content.isEmpty { output += "\n" + render(step.content) }
        switch step.interaction {
        case .question(let question): output += "\n" + render(question)
        case .task(let task): output += "\n" + render(task)
        case .none: break
        }
        return output
    }

    public func render(_ question: Question) -> String {
        var blocks = MarkdownParser.parse(question.prompt)
        let label = question.kind.rules.instruction
        if !question.choices.isEmpty {
            blocks.append(.list(MarkdownList(isOrdered: false, start: 1, isTight: true, items: question.choices.map { choice in
                [.paragraph([.strong([.text("\(choice.letter))")]), .text(" ")] + MarkdownParser.inlineContent(of: choice.text))]
            })))
        }
        blocks.append(.paragraph([.emphasis([.text(label + pointsNote(question.points))])]))
        return render([.heading(level: 3, content: [.text("Question")])] + blocks)
    }

    public func render(_ task: HandsOnTask) -> String {
        var blocks: [MarkdownBlock] = [.heading(level: 3, content: [.text("Task")])]
        blocks += MarkdownParser.parse(task.goal)
        blocks.append(.paragraph([.emphasis([.text("Type aws commands at the prompt; the task completes when its checks pass." + pointsNote(task.points))])]))
        return render(blocks)
    }

    /// The correct answer and explanation, or the reference solution.
    public func renderAnswer(for step: Step) -> String? {
        switch step.interaction {
        case .question(let question):
            return render([.paragraph([.strong([.text("Answer: ")]), .code(question.answerDescription)])] + MarkdownParser.parse(question.explanation))
        case .task(let task):
            var blocks: [MarkdownBlock] = [.paragraph([.strong([.text("Solution:")])]), .code(language: "console", text: task.solution.joined(separator: "\n"))]
            blocks.append(.paragraph([.strong([.text("Checked: ")]), .text(task.checks.map(\.source).joined(separator: "; "))]))
            if !task.explanation.isEmpty { blocks += MarkdownParser.parse(task.explanation) }
            return render(blocks)
        case .none:
            return nil
        }
    }

    private func pointsNote(_ points: Int) -> String {
        points == 1 ? " (1 point)" : " (\(points) points)"
    }
}

extension Question {
    /// The correct answer as a learner would type it.
    public var answerDescription: String {
        switch answer {
        case .choice(let letter): return letter
        case .choices(let letters): return letters.sorted().joined(separator: " ")
        case .truth(let value): return value ? "true" : "false"
        case .text(let accepted, _): return accepted.first ?? ""
        }
    }
}

extension MarkdownParser {
    /// The inline content of one-paragraph markdown, such as a choice's text.
    static func inlineContent(of text: String) -> [MarkdownInline] {
        if case .paragraph(let content)? = parse(text).first { return content }
        return [.text(text)]
    }
}
