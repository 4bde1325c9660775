import CEditLine
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Interactive line editing on a terminal, backed by libedit (emacs keys, history, Ctrl-R,
/// Tab completion). This is the only type that touches C; it is deliberately thin so the
/// decisions (what Tab inserts, how candidates are laid out) live in tested Swift.
///
/// Use it only when stdin and stdout are both terminals (see `LineReaderFactory`).
public final class EditLineReader: LineReader {
    private let editLine: OpaquePointer
    private let history: OpaquePointer
    private let historyFile: String?
    /// Held strongly: a provider created inline at the call site must not vanish.
    public var completionProvider: CompletionProvider?

    /// The prompt libedit asks for through a C callback, so it must outlive each `readLine`.
    private var promptBuffer: UnsafeMutablePointer<CChar>
    /// Set by the Ctrl-C key function; tells `readLine` that the line libedit returns is to be dropped.
    private var cancelRequested = false
    /// Set for a timed read: libedit then reads characters through `readCharacterTicking`.
    private var ticker: PromptTicker?
    public var watch: InputWatch?
    /// Set when the ticker said time was up; `readLine` then reports `.timedOut`.
    private var timedOut = false
    private let interruptHandlerBeforeUs: __sighandler_t?

    /// Why the history file could not be loaded or saved, if it could not; `nil` when all is well.
    /// Editing keeps working either way; the REPL may tell the learner once.
    public private(set) var historyFileProblem: String?

    /// - Parameters:
    ///   - historyFile: loaded now and rewritten after every added line, so a killed session
    ///     loses nothing; `nil` keeps history in memory only.
    ///   - completion: asked on every Tab.
    ///   - historySize: the most lines remembered (older ones are dropped from the file too).
    /// - Returns: `nil` when libedit cannot be initialised; fall back to `PlainLineReader`.
    public init?(historyFile: String?, completion: CompletionProvider?, historySize: Int = 1000) {
        // libedit decides at el_init whether input is UTF-8, from LC_CTYPE. A Swift process starts
        // in the "C" locale, where any non-ASCII key would be rejected, so adopt the user's locale.
        setlocale(LC_CTYPE, "")

        guard let editLine = el_init("rolecall", rc_stdin(), rc_stdout(), rc_stderr()) else { return nil }
        guard let history = history_init() else {
            el_end(editLine)
            return nil
        }
        self.editLine = editLine
        self.history = history
        self.historyFile = historyFile
        self.completionProvider = completion
        self.promptBuffer = strdup("")

        // Between prompts the terminal is in cooked mode, where Ctrl-C raises SIGINT and would end
        // the session mid-output. RoleCall's commands finish instantly, so ignoring SIGINT while
        // this reader exists costs nothing and keeps "Ctrl-C never loses work" true there too.
        self.interruptHandlerBeforeUs = rc_ignore_interrupt_signal()

        rc_history_set_size(history, Int32(clamping: historySize))
        // Pressing Enter on the same command twice should not make Up step through duplicates.
        rc_history_set_unique(history, 1)
        loadHistory()

        rc_el_set_clientdata(editLine, Unmanaged.passUnretained(self).toOpaque())
        rc_el_set_prompt(editLine, { editLine in
            guard let editLine, let reader = EditLineReader.owner(of: editLine) else { return nil }
            return reader.promptBuffer
        }, CChar(bitPattern: PromptMarkup.invisibleMarker.asciiValue!))
        rc_el_set_editor(editLine, "emacs")
        rc_el_set_history(editLine, history)
        // libedit's own handlers run only inside el_gets: they put the terminal back to cooked mode
        // on SIGTSTP, restore raw mode and redraw on SIGCONT, and re-measure on SIGWINCH.
        rc_el_set_signal_handling(editLine, 1)
        installKeyBindings()
    }

    deinit {
        el_end(editLine)  // also restores the terminal modes found at el_init
        history_end(history)
        free(promptBuffer)
        rc_restore_interrupt_signal(interruptHandlerBeforeUs)
    }

    /// The terminal width in columns, measured now, so output printed between prompts can be
    /// wrapped to a window that was just resized.
    public var columns: Int {
        el_resize(editLine)
        let measured = Int(rc_el_get_columns(editLine))
        return measured > 0 ? measured : 80
    }

    public func readLine(prompt: String) -> ReadResult {
        readLine(prompt: prompt, ticker: nil)
    }

    public func readLine(prompt: String, ticker: PromptTicker?) -> ReadResult {
        self.ticker = ticker
        timedOut = false
        defer {
            self.ticker = nil
            rc_el_set_getcfn(editLine, nil)
        }
        if ticker != nil || watch?.descriptor() != nil {
            rc_el_set_getcfn(editLine) { editLine, character in
                guard let editLine, let character, let reader = EditLineReader.owner(of: editLine) else { return -1 }
                return reader.readCharacterTicking(into: character)
            }
        }
        setPrompt(prompt)
        // libedit listens for SIGWINCH only while inside el_gets, so a resize that happened while
        // the course was printing would otherwise leave this line drawn at the old width.
        el_resize(editLine)
        cancelRequested = false

        var count: Int32 = 0
        errno = 0
        let raw = el_gets(editLine, &count)
        let readError = errno

        if cancelRequested {
            // The key function already drew "^C" and moved to a new line.
            return .interrupted
        }
        if timedOut {
            writeToTerminal("\n")
            return .timedOut
        }
        guard let raw else {
            // Ctrl-D leaves the cursor after the prompt; end the line so the shell starts cleanly.
            writeToTerminal("\n")
            // A signal sent from outside (kill -INT) interrupts the read instead of ending input.
            return count == -1 && readError == EINTR ? .interrupted : .endOfInput
        }
        let length = strlen(raw)
        guard length > 0, raw[length - 1] == CChar(UInt8(ascii: "\n")) else {
            // el_gets hands back the partial line without a newline when a signal cut the read
            // short. Running half a command would be worse than asking again.
            writeToTerminal("\n")
            return .interrupted
        }
        return .line(String(decoding: UnsafeRawBufferPointer(start: raw, count: length - 1), as: UTF8.self))
    }

    /// Adds a line for Up/Down and Ctrl-R and rewrites the history file straight away, so a
    /// `kill -9` or a closed terminal loses at most the line being typed. Blank lines are skipped.
    public func addToHistory(_ line: String) {
        guard line.contains(where: { !$0.isWhitespace }) else { return }
        rc_history_enter(history, line)
        saveHistory()
    }

    /// The remembered lines, oldest first.
    var historyEntries: [String] {
        var entries: [String] = []
        var entry = rc_history_oldest(history)
        while let current = entry {
            entries.append(String(cString: current))
            entry = rc_history_newer(history)
        }
        return entries
    }

    // MARK: - Prompt and history file

    private func setPrompt(_ prompt: String) {
        free(promptBuffer)
        promptBuffer = strdup(PromptMarkup.markingInvisibleSequences(in: prompt))
    }

    private func loadHistory() {
        guard let historyFile, access(historyFile, F_OK) == 0 else { return }  // first run: no file yet
        if rc_history_load(history, historyFile) < 0 {
            historyFileProblem = "could not read history from \(historyFile)"
        }
    }

    /// Writes to a temporary file, syncs it and renames it over the old one: a crash mid-save
    /// leaves the previous history intact instead of a truncated file.
    private func saveHistory() {
        guard let historyFile else { return }
        let temporary = "\(historyFile).\(getpid()).tmp"
        guard let stream = fopen(temporary, "w") else {
            historyFileProblem = "could not write \(temporary): \(String(cString: strerror(errno)))"
            return
        }
        let written = rc_history_save_to_stream(history, stream) >= 0
        let synced = fflush(stream) == 0 && fsync(fileno(stream)) == 0
        let closed = fclose(stream) == 0
        guard written, synced, closed, rename(temporary, historyFile) == 0 else {
            historyFileProblem = "could not save history to \(historyFile): \(String(cString: strerror(errno)))"
            unlink(temporary)
            return
        }
        historyFileProblem = nil
    }

    // MARK: - Key bindings

    private func installKeyBindings() {
        rc_el_add_function(editLine, "rolecall-complete", "Complete the word before the cursor") { editLine, _ in
            guard let editLine, let reader = EditLineReader.owner(of: editLine) else { return UInt8(CC_ERROR) }
            return reader.completeWord()
        }
        rc_el_add_function(editLine, "rolecall-cancel-line", "Discard the line and prompt again") { editLine, _ in
            guard let editLine, let reader = EditLineReader.owner(of: editLine) else { return UInt8(CC_ERROR) }
            return reader.cancelLine()
        }
        rc_el_add_function(editLine, "rolecall-suspend", "Suspend like Ctrl-Z in a shell") { editLine, _ in
            guard let editLine, let reader = EditLineReader.owner(of: editLine) else { return UInt8(CC_ERROR) }
            return reader.suspend()
        }

        rc_el_bind(editLine, "^I", "rolecall-complete")
        rc_el_bind(editLine, "^R", "em-inc-search-prev")

        // Ctrl-C is read as an ordinary key rather than caught as SIGINT. With ISIG left on,
        // libedit's SIGINT handler makes el_gets return the partial line (no newline) and then
        // re-raises the signal with kill(0, SIGINT), which also hits every other process in our
        // process group (a parent `make`, a test runner). Turning ISIG off while editing makes ^C a
        // byte bound to a function that ends the line deterministically, with no signal race.
        // ISIG also carries ^Z, so that key gets an explicit binding to keep job control working.
        rc_el_set_edit_tty_flag(editLine, "-isig")
        rc_el_bind(editLine, "^C", "rolecall-cancel-line")
        rc_el_bind(editLine, "^Z", "rolecall-suspend")
    }

    private static func owner(of editLine: OpaquePointer) -> EditLineReader? {
        guard let data = rc_el_get_clientdata(editLine) else { return nil }
        return Unmanaged<EditLineReader>.fromOpaque(data).takeUnretainedValue()
    }

    /// The line as libedit holds it (wide characters, one per Unicode scalar) and the cursor
    /// as a count of scalars before it.
    private func currentLine() -> (text: String, scalarsBeforeCursor: Int, scalarsAfterCursor: Int)? {
        guard let info = el_wline(editLine)?.pointee else { return nil }
        let total = info.buffer.distance(to: info.lastchar)
        let beforeCursor = info.buffer.distance(to: info.cursor)
        var text = String.UnicodeScalarView()
        for offset in 0..<total {
            if let scalar = Unicode.Scalar(UInt32(bitPattern: Int32(info.buffer[offset]))) {
                text.append(scalar)
            }
        }
        return (String(text), beforeCursor, total - beforeCursor)
    }

    private func insert(_ text: String) -> Bool {
        var wide = text.unicodeScalars.map { wchar_t(bitPattern: $0.value) }
        wide.append(0)
        return el_winsertstr(editLine, wide) == 0
    }

    private func completeWord() -> UInt8 {
        guard let provider = completionProvider, let line = currentLine() else { return UInt8(CC_REFRESH_BEEP) }
        // The provider and the engine speak in Characters; libedit in scalars.
        let scalars = Array(line.text.unicodeScalars)
        let cursor = String(String.UnicodeScalarView(scalars[..<line.scalarsBeforeCursor])).count
        let completion = provider.completions(forLine: line.text, cursor: cursor)
        let edit = CompletionEngine.edit(line: line.text, cursor: cursor, completion: completion)

        if edit.changesNothing { return UInt8(CC_REFRESH_BEEP) }
        if !edit.replacedText.isEmpty {
            el_deletestr(editLine, Int32(edit.replacedText.unicodeScalars.count))
        }
        if !edit.insertedText.isEmpty && !insert(edit.insertedText) {
            return UInt8(CC_REFRESH_BEEP)  // the line buffer is full
        }
        if !edit.candidatesToList.isEmpty {
            let rows = CandidateLayout.rows(for: edit.candidatesToList, width: columns)
            // Raw mode may not translate \n to \r\n, so return to column 0 explicitly.
            writeToTerminal("\r\n" + rows.joined(separator: "\r\n") + "\r\n")
            // libedit still believes its old line is on screen above the list and would move the
            // cursor back up to repaint it. Redrawing from scratch draws prompt and line here.
            rc_el_redraw_from_scratch(editLine)
        }
        return UInt8(CC_REFRESH)
    }

    private func cancelLine() -> UInt8 {
        cancelRequested = true
        guard let line = currentLine() else { return UInt8(CC_ERROR) }
        // Show what was abandoned, like a shell does: cursor to the end, then "^C". The pushed
        // newline is then read as Enter, whose built-in handler moves below a wrapped line and
        // makes el_gets return; readLine drops the text because cancelRequested is set.
        // (Returning CC_NEWLINE directly would skip that, and on an empty line looks like EOF.)
        el_cursor(editLine, Int32(clamping: line.scalarsAfterCursor))
        _ = insert("^C")
        el_push(editLine, "\n")
        return UInt8(CC_REFRESH)
    }

    private func suspend() -> UInt8 {
        // libedit's SIGTSTP handler (EL_SIGNAL) restores cooked mode before the process stops and
        // its SIGCONT handler restores raw mode; kill returns once we have been resumed.
        rc_suspend_process_group()
        // The shell has written over the screen meanwhile, but libedit's SIGCONT repaint only
        // sends what changed. Start a fresh copy of the prompt and line at column 0 instead.
        writeToTerminal("\r")
        rc_el_redraw_from_scratch(editLine)
        return UInt8(CC_REFRESH)
    }

    /// libedit's character reader for timed reads: waits for a key a second at a time, and in between redraws the
    /// prompt the ticker gives (the countdown) or, when it gives none, ends the read as if input had ended. Keys
    /// arrive as UTF-8 and are handed to libedit one Unicode scalar at a time; a malformed byte passes as itself.
    private func readCharacterTicking(into character: UnsafeMutablePointer<wchar_t>) -> Int32 {
        var scalar: UInt32 = 0
        var continuationBytesLeft = 0
        while true {
            let ready = TwoInputs.wait(input: STDIN_FILENO, watch: watch?.descriptor(), milliseconds: ticker == nil ? nil : 1000)
            if ready == .failed { return -1 }
            if ready == .watch, let watch {
                let text = watch.serve()
                guard !text.isEmpty else { continue }
                // Above the prompt: clear the line, say it, then let libedit draw prompt and line afresh.
                writeToTerminal("\r\u{1B}[K" + (text.hasSuffix("\n") ? text : text + "\n"))
                rc_el_redraw_from_scratch(editLine)
                continue
            }
            if ready == .timeout {
                guard let ticker else { continue }
                guard let prompt = ticker() else {
                    timedOut = true
                    return 0
                }
                setPrompt(prompt)
                // Back to the start of the line and clear it, then let libedit draw prompt and line afresh.
                writeToTerminal("\r\u{1B}[K")
                rc_el_redraw_from_scratch(editLine)
                continue
            }
            var byte: UInt8 = 0
            let count = read(STDIN_FILENO, &byte, 1)
            if count == 0 { return 0 }
            if count < 0 {
                if errno == EINTR { continue }
                return -1
            }
            if continuationBytesLeft > 0, byte & 0xC0 == 0x80 {
                scalar = scalar << 6 | UInt32(byte & 0x3F)
                continuationBytesLeft -= 1
                if continuationBytesLeft > 0 { continue }
            } else {
                switch byte {
                case 0xC0...0xDF: scalar = UInt32(byte & 0x1F); continuationBytesLeft = 1
                case 0xE0...0xEF: scalar = UInt32(byte & 0x0F); continuationBytesLeft = 2
                case 0xF0...0xF7: scalar = UInt32(byte & 0x07); continuationBytesLeft = 3
                default: scalar = UInt32(byte); continuationBytesLeft = 0
                }
                if continuationBytesLeft > 0 { continue }
            }
            character.pointee = wchar_t(bitPattern: scalar)
            return 1
        }
    }

    private func writeToTerminal(_ text: String) {
        // Through libedit's own FILE so our bytes stay in order with its buffered output.
        fputs(text, rc_stdout())
        fflush(rc_stdout())
    }
}
