import Suggestions
/// Checks that span lessons: unique ids, prerequisites that exist and do not loop.
/// Checks within one block live in the parsers, where the offending line is known.
public enum CourseLinter {
    static func check(_ course: Course, allLessons: [Lesson]) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []

        var lessonsByID: [String: Lesson] = [:]
        for lesson in allLessons {
            if let first = lessonsByID[lesson.id] {
                diagnostics.append(Diagnostic(at: lesson.location, "duplicate lesson id '\(lesson.id)' (also used at \(first.location))"))
            } else {
                lessonsByID[lesson.id] = lesson
            }
        }

        var itemLocations: [String: SourceLocation] = [:]
        for lesson in allLessons {
            for step in lesson.steps {
                let item: (id: String, location: SourceLocation)?
                switch step.interaction {
                case .question(let question): item = (question.id, question.location)
                case .task(let task): item = (task.id, task.location)
                case .none: item = nil
                }
                guard let item else { continue }
                if let first = itemLocations[item.id] {
                    diagnostics.append(Diagnostic(at: item.location, "duplicate question or task id '\(item.id)' (also used at \(first))"))
                } else {
                    itemLocations[item.id] = item.location
                }
            }
        }

        for lesson in allLessons {
            for (index, prerequisite) in lesson.prerequisites.enumerated() {
                let location = index < lesson.prerequisiteLocations.count ? lesson.prerequisiteLocations[index] : lesson.location
                if prerequisite == lesson.id {
                    diagnostics.append(Diagnostic(at: location, "lesson '\(lesson.id)' lists itself as a prerequisite"))
                } else if lessonsByID[prerequisite] == nil {
                    let suggestion = Suggestions.nearest(to: prerequisite, among: lessonsByID.keys).map { "; did you mean '\($0)'?" } ?? ""
                    diagnostics.append(Diagnostic(at: location, "prerequisite '\(prerequisite)' is not a lesson in this course\(suggestion)"))
                }
            }
        }
        diagnostics += prerequisiteCycles(lessonsByID)
        diagnostics += allLessons.flatMap(tasksWithoutDecoys)
        return diagnostics
    }

    /// A decoy is how the content test proves a task's checks tell the goal from a near miss; without one, a check
    /// that any successful call satisfies goes unnoticed. A warning, so a draft lesson still runs.
    static func tasksWithoutDecoys(_ lesson: Lesson) -> [Diagnostic] {
        lesson.tasks.filter(\.decoys.isEmpty).map { task in
            Diagnostic(.warning, at: task.location,
                       "task '\(task.id)' has no decoys: add 'decoys:' with a command that looks like a solution but misses the goal")
        }
    }

    public static func checkWithinLesson(_ lesson: Lesson) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        var seen: [String: SourceLocation] = [:]
        for step in lesson.steps {
            let item: (String, SourceLocation)? = step.question.map { ($0.id, $0.location) } ?? step.task.map { ($0.id, $0.location) }
            guard let (id, location) = item else { continue }
            if let first = seen[id] {
                diagnostics.append(Diagnostic(at: location, "duplicate question or task id '\(id)' (also used at \(first))"))
            } else {
                seen[id] = location
            }
        }
        for (index, prerequisite) in lesson.prerequisites.enumerated() where prerequisite == lesson.id {
            let location = index < lesson.prerequisiteLocations.count ? lesson.prerequisiteLocations[index] : lesson.location
            diagnostics.append(Diagnostic(at: location, "lesson '\(lesson.id)' lists itself as a prerequisite"))
        }
        return diagnostics + tasksWithoutDecoys(lesson)
    }

    /// Reports each cycle once, at the lesson where the walk in id order first closes it.
    static func prerequisiteCycles(_ lessons: [String: Lesson]) -> [Diagnostic] {
        enum Mark { case visiting, done }
        var marks: [String: Mark] = [:]
        var diagnostics: [Diagnostic] = []
        var path: [String] = []

        func visit(_ id: String) {
            guard let lesson = lessons[id] else { return }
            marks[id] = .visiting
            path.append(id)
            for (index, prerequisite) in lesson.prerequisites.enumerated() where prerequisite != id {
                switch marks[prerequisite] {
                case .visiting:
                    let cycle = path[path.lastIndex(of: prerequisite)!...] + [prerequisite]
                    let location = index < lesson.prerequisiteLocations.count ? lesson.prerequisiteLocations[index] : lesson.location
                    diagnostics.append(Diagnostic(at: location, "prerequisites form a cycle: \(cycle.joined(separator: " → "))"))
                case .done:
                    continue
                case .none:
                    visit(prerequisite)
                }
            }
            path.removeLast()
            marks[id] = .done
        }

        for id in lessons.keys.sorted() where marks[id] == nil { visit(id) }
        return diagnostics
    }
}
