import Assessment
import Classroom
import Foundation
import Mustache

/// The instructor's dashboard: rendered on the server from a snapshot (so it reads without JavaScript), then kept
/// current by a little plain JavaScript listening to the live feed. Nothing is fetched from anywhere else: the
/// page works on a classroom network without internet.
enum Dashboard {
    static func page(_ snapshot: ClassHub.Snapshot) -> String {
        let rows = snapshot.learners.map { rowContext($0, classPath: ClassroomRoutes.percentEncoded(snapshot.className)) }
        let answers = snapshot.answers.map(answersContext)
        let denials = snapshot.denials.map(denialContext)
        var context: [String: Any] = [
            "className": snapshot.className,
            "learnerCount": snapshot.learners.count,
            "stuckCount": snapshot.learners.filter(\.stuck).count,
            "rows": rows,
            "hasRows": !rows.isEmpty,
            "answers": answers,
            "hasAnswers": !answers.isEmpty,
            "denials": denials,
            "hasDenials": !denials.isEmpty,
            "broadcasts": snapshot.broadcasts.reversed().map { ["text": $0.text] },
            "lessons": snapshot.lessons.enumerated().map { index, lesson in
                ["id": lesson.id, "label": "\(index + 1). \(lesson.title)", "selected": lesson.id == snapshot.openThrough] as [String: Any]
            },
            "allOpen": snapshot.openThrough == nil,
            "script": script,
            "style": style,
        ]
        // A missing key, not a nil in an `Any`: Mustache renders a section for any value present, nil included.
        if let exam = snapshot.exam {
            var text = "Exam open: " + exam.lessons.joined(separator: ", ") + (exam.withTasks ? " with their tasks" : "")
            if let limit = exam.timeLimit { text += ", \(ExamPaper.minutes(limit)) min each" }
            context["exam"] = ["text": text, "sitting": snapshot.learners.filter { $0.exam == .sitting }.count,
                               "handedIn": snapshot.learners.filter { $0.exam == .handedIn }.count] as [String: Any]
        }
        return template.render(context)
    }

    static func minutesAndSeconds(_ seconds: Int) -> String {
        "\(seconds / 60):" + (seconds % 60 < 10 ? "0" : "") + "\(seconds % 60)"
    }

    /// The page about one learner: their sandbox as the server replayed it.
    static func learnerPage(_ detail: LearnerDetail, className: String) -> String {
        var context: [String: Any] = [
            "className": className,
            "classPath": ClassroomRoutes.percentEncoded(className),
            "learner": detail.learner,
            "lesson": detail.lesson ?? "not started",
            "whoami": detail.whoami ?? "",
            "roles": detail.roles ?? "",
            "hasRoles": detail.roles != nil,
            "recent": detail.recent.map { command in
                ["command": command.command, "output": (command.stdout + command.stderr).trimmingCharacters(in: .newlines),
                 "exit": command.exitCode, "failed": command.exitCode != 0] as [String: Any]
            },
            "hasRecent": !detail.recent.isEmpty,
            "style": style,
        ]
        if detail.replayDisagreementCount > 0 || !detail.sessionClaims.isEmpty {
            let unlisted = detail.replayDisagreementCount - detail.replayDisagreements.count
            var replay: [String: Any] = ["lines": (detail.replayDisagreements + detail.sessionClaims).map { ["line": $0] }]
            if unlisted > 0 { replay["more"] = "and \(unlisted) more commands" }
            context["replay"] = replay
        }
        if let denial = detail.lastDenial {
            context["denial"] = ["verdict": verdict(denial.decision, denial.action), "command": denial.command,
                                 "explanation": denial.explanation.map { ["line": $0] }] as [String: Any]
        }
        return learnerTemplate.render(context)
    }

    static let learnerTemplate: MustacheTemplate = {
        try! MustacheTemplate(string: """
        <!doctype html>
        <html lang="en">
        <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{{learner}} · {{className}} · RoleCall classroom</title><style>{{{style}}} pre { background: #f4f4f4; padding: 0.5rem; overflow-x: auto; font-size: 0.8rem; }</style></head>
        <body>
        <header><p><a href="/classes/{{classPath}}">← {{className}}</a></p><h1>{{learner}}</h1>
        <p>In lesson <strong>{{lesson}}</strong>{{#whoami}}, working as <code>{{whoami}}</code>{{/whoami}}. Everything below is the server's own replay of what {{learner}} typed.</p></header>
        <main>
        {{#replay}}<section aria-labelledby="replay-heading"><h2 id="replay-heading">Where the replay differs from the session</h2>
        <p>The server replayed these commands otherwise than {{learner}}'s own terminal ran them (the two are different RoleCall releases, or the sandbox has changed since), so look at the points before trusting them.</p>
        <ul>{{#lines}}<li>{{line}}</li>{{/lines}}</ul>{{#more}}<p>{{more}}</p>{{/more}}</section>{{/replay}}
        {{#denial}}<section aria-labelledby="denied-heading"><h2 id="denied-heading">Last denied request</h2>
        <p><strong>{{verdict}}</strong>: <code>{{command}}</code></p><ul>{{#explanation}}<li>{{line}}</li>{{/explanation}}</ul></section>{{/denial}}
        <section aria-labelledby="commands-heading"><h2 id="commands-heading">Last commands, newest first</h2>
        {{#recent}}<figure><figcaption><code>$ {{command}}</code>{{#failed}} — exit {{exit}}{{/failed}}</figcaption><pre>{{output}}</pre></figure>{{/recent}}
        {{^hasRecent}}<p>No commands yet.</p>{{/hasRecent}}
        </section>
        {{#hasRoles}}<section aria-labelledby="roles-heading"><h2 id="roles-heading">Roles in the sandbox</h2><pre>{{roles}}</pre></section>{{/hasRoles}}
        </main>
        </body>
        </html>
        """)
    }()

    static func rowContext(_ row: RosterRow, classPath: String) -> [String: Any] {
        var step = "not started"
        if let title = row.lessonTitle {
            step = title
            if let number = row.stepNumber, let count = row.stepCount { step += " · step \(number)/\(count)" }
        }
        var context: [String: Any] = [
            "learner": row.learner,
            "detailPath": "/classes/" + classPath + "/learners/" + ClassroomRoutes.percentEncoded(row.learner),
            "where": step,
            "stepTitle": row.stepTitle ?? "",
            "time": minutesAndSeconds(row.secondsOnStep),
            "seconds": row.secondsOnStep,
            "points": "\(row.points) / \(row.maximum)",
            "status": row.stuckReason.map { "Stuck: " + $0 } ?? row.exam?.rawValue ?? "Working",
            "exam": row.exam?.rawValue ?? "",
            "stuck": row.stuck,
            "failed": row.lastFailedCommand.map { "\($0) (exit \(row.lastFailedStatus ?? 0))" } ?? "",
        ]
        // Only when there is one: Mustache renders a section for any value present, the empty string included.
        if let note = row.replayNote { context["replayNote"] = note }
        if let denial = row.lastDenial {
            context["denial"] = ["verdict": verdict(denial.decision, denial.action), "command": denial.command,
                                 "explanation": denial.explanation.map { ["line": $0] }] as [String: Any]
        }
        return context
    }

    /// "Explicit deny of s3:GetObject", as an instructor would say it.
    static func verdict(_ decision: String, _ action: String) -> String {
        (decision == "ExplicitDeny" ? "Explicit deny of " : "No policy allows ") + action
    }

    static func denialContext(_ group: DenialGroup) -> [String: Any] {
        [
            "verdict": verdict(group.decision, group.action),
            "count": group.count,
            "learnerCount": group.learners.count,
            "learners": group.learners.joined(separator: ", "),
            "example": group.example.map { ["line": $0] },
        ]
    }

    static func answersContext(_ distribution: AnswerDistribution) -> [String: Any] {
        let total = max(1, distribution.counts.reduce(0) { $0 + $1.count })
        return [
            "question": distribution.question,
            "prompt": distribution.prompt,
            "counts": distribution.counts.prefix(6).map { count in
                [
                    "answer": count.answer,
                    "count": count.count,
                    "percent": count.count * 100 / total,
                    "verdict": count.correct ? "right" : "wrong",
                ] as [String: Any]
            },
        ]
    }

    static let template: MustacheTemplate = {
        // The template is a constant of this file: a syntax error in it is a programming error caught by every test.
        try! MustacheTemplate(string: """
        <!doctype html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{{className}} · RoleCall classroom</title>
        <style>{{{style}}}</style>
        </head>
        <body>
        <header>
          <h1>{{className}}</h1>
          <p id="summary">Learners: <span id="learner-count">{{learnerCount}}</span> · Stuck: <span id="stuck-count">{{stuckCount}}</span> · <span id="connection" role="status">connecting…</span></p>
          {{#exam}}<p id="exam">{{text}} · in the exam: <span id="exam-sitting">{{sitting}}</span> · handed in: <span id="exam-handed-in">{{handedIn}}</span></p>{{/exam}}
        </header>
        <main>
        <section aria-labelledby="roster-heading">
          <h2 id="roster-heading">Learners</h2>
          <table id="roster">
            <thead><tr><th scope="col">Learner</th><th scope="col">Where</th><th scope="col">Time on step</th><th scope="col">Points</th><th scope="col">Status</th><th scope="col">Last failed command</th><th scope="col">Last denied request</th></tr></thead>
            <tbody>
            {{#rows}}
            <tr data-learner="{{learner}}" data-exam="{{exam}}" class="{{#stuck}}stuck{{/stuck}}">
              <th scope="row"><a href="{{detailPath}}">{{learner}}</a></th><td title="{{stepTitle}}">{{where}}</td><td data-seconds="{{seconds}}">{{time}}</td><td>{{points}}{{#replayNote}}<br><small class="replay">{{replayNote}}</small>{{/replayNote}}</td><td>{{status}}</td><td><code>{{failed}}</code></td><td>{{#denial}}<details><summary>{{verdict}}</summary><code>{{command}}</code><ul>{{#explanation}}<li>{{line}}</li>{{/explanation}}</ul></details>{{/denial}}</td>
            </tr>
            {{/rows}}
            </tbody>
          </table>
          {{^hasRows}}<p id="empty">No learner has joined yet.</p>{{/hasRows}}
        </section>
        <section aria-labelledby="denials-heading">
          <h2 id="denials-heading">Denials by the engine's verdict</h2>
          <ul id="denials">
          {{#denials}}<li data-verdict="{{verdict}}"><details><summary><strong>{{verdict}}</strong> — {{count}} times, {{learnerCount}} learners: {{learners}}</summary><ul>{{#example}}<li>{{line}}</li>{{/example}}</ul></details></li>{{/denials}}
          </ul>
          {{^hasDenials}}<p id="no-denials">No request denied yet.</p>{{/hasDenials}}
        </section>
        <section aria-labelledby="message-heading">
          <h2 id="message-heading">Message the class</h2>
          <form id="broadcast">
            <label for="message">Shown in every learner's terminal</label>
            <input id="message" name="message" maxlength="500" required>
            <button type="submit">Send</button>
          </form>
          <ul id="sent">{{#broadcasts}}<li>{{text}}</li>{{/broadcasts}}</ul>
        </section>
        <section aria-labelledby="lessons-heading">
          <h2 id="lessons-heading">Lessons open to the class</h2>
          <form id="lessons">
            <label for="open-through">Learners may go up to</label>
            <select id="open-through" name="openThrough">
              <option value=""{{#allOpen}} selected{{/allOpen}}>every lesson</option>
              {{#lessons}}<option value="{{id}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/lessons}}
            </select>
            <button type="submit">Set</button> <span id="lessons-status" role="status"></span>
          </form>
        </section>
        <section aria-labelledby="answers-heading">
          <h2 id="answers-heading">Answers</h2>
          <div id="answers">
          {{#answers}}
            <figure data-question="{{question}}"><figcaption>{{prompt}}</figcaption>
              <ul>{{#counts}}<li class="{{verdict}}"><span class="bar" style="width: {{percent}}%"></span><span class="label">{{answer}} — {{count}} ({{verdict}})</span></li>{{/counts}}</ul>
            </figure>
          {{/answers}}
          </div>
          {{^hasAnswers}}<p id="no-answers">No answers yet.</p>{{/hasAnswers}}
        </section>
        <div id="announcer" class="visually-hidden" aria-live="polite"></div>
        </main>
        <script>{{{script}}}</script>
        </body>
        </html>
        """)
    }()

    static let style = """
    :root { color-scheme: light; font-size: 20px; }
    body { font-family: system-ui, sans-serif; margin: 1rem 2rem; color: #111; background: #fff; }
    h1 { margin: 0.2rem 0; } h2 { margin-top: 1.5rem; }
    table { border-collapse: collapse; width: 100%; }
    th, td { text-align: left; padding: 0.4rem 0.6rem; border-bottom: 1px solid #999; vertical-align: top; }
    thead th { background: #eee; }
    tr.stuck { background: #ffe3e3; }
    small.replay { color: #7a4a00; }
    tr.stuck td:nth-child(5) { font-weight: bold; color: #8a0000; }
    code { font-size: 0.85rem; }
    details summary { cursor: pointer; }
    td details ul, #denials ul { margin: 0.2rem 0; font-size: 0.85rem; }
    figure { margin: 0.5rem 0 1rem; } figcaption { font-weight: bold; }
    figure ul { list-style: none; padding: 0; margin: 0.3rem 0; }
    figure li { position: relative; padding: 0.2rem 0.4rem; margin: 0.15rem 0; border: 1px solid #bbb; }
    figure li .bar { position: absolute; left: 0; top: 0; bottom: 0; background: #cde; z-index: -1; }
    figure li.right .bar { background: #cfc; }
    input { font-size: 1rem; width: 60%; padding: 0.3rem; } button { font-size: 1rem; padding: 0.3rem 1rem; }
    :focus { outline: 3px solid #1a5fb4; }
    .visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
    """

    /// Keeps the page current from the live feed; the browser reconnects by itself after a dropped connection.
    static let script = """
    (function () {
      const base = location.pathname.replace(/\\/$/, '');
      const rows = document.querySelector('#roster tbody');
      const connection = document.getElementById('connection');
      function text(tag, value, attributes) {
        const cell = document.createElement(tag);
        cell.textContent = value;
        for (const [name, v] of Object.entries(attributes || {})) cell.setAttribute(name, v);
        return cell;
      }
      function clock(seconds) { return Math.floor(seconds / 60) + ':' + String(seconds % 60).padStart(2, '0'); }
      function where(row) {
        if (!row.lessonTitle) return 'not started';
        return row.lessonTitle + (row.stepNumber ? ' · step ' + row.stepNumber + '/' + row.stepCount : '');
      }
      function showLearner(row) {
        const empty = document.getElementById('empty');
        if (empty) empty.remove();
        const tr = document.createElement('tr');
        tr.dataset.learner = row.learner;
        tr.dataset.exam = row.exam || '';
        if (row.stuck) tr.className = 'stuck';
        const name = document.createElement('th');
        name.setAttribute('scope', 'row');
        name.appendChild(text('a', row.learner, {href: base + '/learners/' + encodeURIComponent(row.learner)}));
        const time = text('td', clock(row.secondsOnStep), {'data-seconds': row.secondsOnStep});
        const failed = document.createElement('td');
        if (row.lastFailedCommand) failed.appendChild(text('code', row.lastFailedCommand + ' (exit ' + row.lastFailedStatus + ')'));
        const denied = document.createElement('td');
        if (row.lastDenial) denied.appendChild(explained(verdict(row.lastDenial), row.lastDenial.explanation, row.lastDenial.command));
        const points = text('td', row.points + ' / ' + row.maximum);
        if (row.replayNote) points.append(document.createElement('br'), text('small', row.replayNote, {class: 'replay'}));
        tr.append(name, text('td', where(row), {title: row.stepTitle || ''}), time, points,
                  text('td', row.stuckReason ? 'Stuck: ' + row.stuckReason : (row.exam || 'Working')), failed, denied);
        const existing = Array.from(rows.children).find(r => r.dataset.learner === row.learner);
        const wasStuck = existing && existing.classList.contains('stuck');
        if (existing) existing.replaceWith(tr);
        else {
          const after = Array.from(rows.children).find(r => r.dataset.learner > row.learner);
          rows.insertBefore(tr, after || null);
        }
        if (row.stuck && !wasStuck) document.getElementById('announcer').textContent = row.learner + ' is stuck: ' + row.stuckReason;
        document.getElementById('learner-count').textContent = rows.children.length;
        document.getElementById('stuck-count').textContent = rows.querySelectorAll('tr.stuck').length;
        if (document.getElementById('exam')) {
          document.getElementById('exam-sitting').textContent = rows.querySelectorAll('tr[data-exam="In the exam"]').length;
          document.getElementById('exam-handed-in').textContent = rows.querySelectorAll('tr[data-exam="Exam handed in"]').length;
        }
      }
      function verdict(d) { return (d.decision === 'ExplicitDeny' ? 'Explicit deny of ' : 'No policy allows ') + d.action; }
      function explained(summary, lines, command) {
        const details = document.createElement('details');
        details.appendChild(text('summary', summary));
        if (command) details.appendChild(text('code', command));
        const list = document.createElement('ul');
        for (const line of lines) list.appendChild(text('li', line));
        details.appendChild(list);
        return details;
      }
      function showDenials(group) {
        const none = document.getElementById('no-denials');
        if (none) none.remove();
        const holder = document.getElementById('denials');
        const li = document.createElement('li');
        li.dataset.verdict = verdict(group);
        const details = explained('', group.example);
        const summary = details.querySelector('summary');
        summary.textContent = '';
        summary.append(text('strong', verdict(group)), document.createTextNode(' — ' + group.count + ' times, ' +
          group.learners.length + ' learners: ' + group.learners.join(', ')));
        li.appendChild(details);
        const existing = Array.from(holder.children).find(e => e.dataset.verdict === li.dataset.verdict);
        if (existing) existing.replaceWith(li); else holder.appendChild(li);
      }
      function showAnswers(d) {
        const none = document.getElementById('no-answers');
        if (none) none.remove();
        const total = Math.max(1, d.counts.reduce((s, c) => s + c.count, 0));
        const figure = document.createElement('figure');
        figure.dataset.question = d.question;
        figure.appendChild(text('figcaption', d.prompt));
        const list = document.createElement('ul');
        for (const c of d.counts.slice(0, 6)) {
          const li = document.createElement('li');
          li.className = c.correct ? 'right' : 'wrong';
          const bar = text('span', '', {class: 'bar', style: 'width: ' + Math.floor(c.count * 100 / total) + '%'});
          li.append(bar, text('span', c.answer + ' — ' + c.count + ' (' + (c.correct ? 'right' : 'wrong') + ')', {class: 'label'}));
          list.appendChild(li);
        }
        figure.appendChild(list);
        const holder = document.getElementById('answers');
        const existing = Array.from(holder.children).find(f => f.dataset.question === d.question);
        if (existing) existing.replaceWith(figure); else holder.appendChild(figure);
      }
      function showBroadcast(message) {
        const li = text('li', message.text);
        const sent = document.getElementById('sent');
        sent.insertBefore(li, sent.firstChild);
      }
      const feed = new EventSource(base + '/live');
      feed.onopen = () => { connection.textContent = 'live'; };
      feed.onerror = () => { connection.textContent = 'reconnecting…'; };
      feed.addEventListener('snapshot', e => {
        const s = JSON.parse(e.data);
        rows.replaceChildren();
        s.learners.forEach(showLearner);
        s.answers.forEach(showAnswers);
        s.denials.forEach(showDenials);
      });
      feed.addEventListener('denials', e => showDenials(JSON.parse(e.data)));
      feed.addEventListener('learner', e => showLearner(JSON.parse(e.data)));
      feed.addEventListener('answers', e => showAnswers(JSON.parse(e.data)));
      feed.addEventListener('broadcast', e => showBroadcast(JSON.parse(e.data)));
      // Time on step counts up between updates.
      setInterval(() => {
        for (const cell of rows.querySelectorAll('td[data-seconds]')) {
          const seconds = Number(cell.dataset.seconds) + 1;
          cell.dataset.seconds = seconds;
          cell.textContent = clock(seconds);
        }
      }, 1000);
      document.getElementById('lessons').addEventListener('submit', async e => {
        e.preventDefault();
        const chosen = document.getElementById('open-through');
        const status = document.getElementById('lessons-status');
        const reply = await fetch(base + '/lessons', {method: 'POST', headers: {'Content-Type': 'application/json'},
                                                      body: JSON.stringify({openThrough: chosen.value || null})});
        status.textContent = reply.ok ? (chosen.value ? 'Lessons after this one are locked.' : 'Every lesson is open.') : 'Not saved.';
      });
      document.getElementById('broadcast').addEventListener('submit', async e => {
        e.preventDefault();
        const input = document.getElementById('message');
        const reply = await fetch(base + '/broadcasts', {method: 'POST', headers: {'Content-Type': 'application/json'},
                                                         body: JSON.stringify({text: input.value})});
        if (reply.ok) input.value = '';
      });
    })();
    """
}
