import Testing
@testable import ShellWords

@Suite struct ShellWordsTests {
    @Test func splitsOnBlanks() throws {
        #expect(try ShellWords.split("aws  iam\tlist-roles ") == ["aws", "iam", "list-roles"])
    }

    /// A word beginning with `#` begins a comment, as in a POSIX shell; a `#` inside a word or quotes is text.
    @Test func aHashAtAWordsStartBeginsAComment() throws {
        #expect(try ShellWords.split("aws s3 ls   # list the buckets") == ["aws", "s3", "ls"])
        #expect(try ShellWords.split("# only a comment").isEmpty)
        #expect(try ShellWords.split("echo a#b '#c' \"#d\" \\#e") == ["echo", "a#b", "#c", "#d", "#e"])
        #expect(try ShellWords.split("export COLOR=#fff #red") == ["export", "COLOR=#fff"])
    }

    @Test func keepsSingleQuotedTextLiterally() throws {
        let line = #"aws iam create-role --assume-role-policy-document '{"Version": "2012-10-17"}'"#
        #expect(try ShellWords.split(line).last == #"{"Version": "2012-10-17"}"#)
    }

    @Test func honoursEscapesInDoubleQuotes() throws {
        #expect(try ShellWords.split(#"echo "a \"b\" \$c \d""#) == ["echo", #"a "b" $c \d"#])
    }

    @Test func joinsAdjacentQuotedParts() throws {
        #expect(try ShellWords.split(#"--name=a'b c'"d""#) == ["--name=ab cd"])
    }

    @Test func keepsEmptyQuotedWords() throws {
        #expect(try ShellWords.split("a '' b") == ["a", "", "b"])
    }

    @Test func backslashEscapesOutsideQuotes() throws {
        #expect(try ShellWords.split(#"a\ b c"#) == ["a b", "c"])
    }

    @Test func reportsUnterminatedQuotes() {
        #expect(throws: ShellWords.SplitError.unterminatedQuote("'", offset: 4)) { try ShellWords.split("aws 'x") }
        #expect(throws: ShellWords.SplitError.unterminatedQuote("\"", offset: 0)) { try ShellWords.split("\"x") }
        #expect(throws: ShellWords.SplitError.trailingBackslash) { try ShellWords.split("x \\") }
    }

    /// Words are read as bytes; characters beyond ASCII are word text, whole, wherever they are.
    @Test func splitsTextBeyondASCII() throws {
        #expect(try ShellWords.split("aws iam tag-role --tags Key=Équipe,Value=r\u{F6}le") == ["aws", "iam", "tag-role", "--tags", "Key=\u{C9}quipe,Value=r\u{F6}le"])
        #expect(try ShellWords.split("echo 'caf\u{E9} \u{1F600}' \"\u{3042}\\$\" x\\\u{E9}y") == ["echo", "caf\u{E9} \u{1F600}", "\u{3042}$", "x\u{E9}y"])
        // A combining mark after a quote does not hide the quote from the shell.
        #expect(try ShellWords.split("'a'\u{301} b") == ["a\u{301}", "b"])
        #expect(throws: ShellWords.SplitError.unterminatedQuote("'", offset: 2)) { try ShellWords.split("\u{E9} 'x") }
    }

    @Test func findsTextByteForByte() {
        #expect(ShellWords.contains("$(", in: "T=$(instance exec x)"))
        #expect(!ShellWords.contains("$(", in: "echo $HOME ("))
        #expect(ShellWords.contains("eval", in: "eval"))
        #expect(ShellWords.contains("", in: ""))
        #expect(!ShellWords.contains("evaluation", in: "eval"))
        #expect(ShellWords.contains("r\u{F6}le", in: "a r\u{F6}le here"))
        #expect(!ShellWords.contains("ro", in: "r\u{F6}le"))
        #expect(ShellWords.contains("end", in: "the end"))
        #expect(ShellWords.contains("aab", in: "aaab"))
    }

    @Test func substitutionsAreThoseAShellWouldRun() {
        #expect(ShellWords.hasSubstitution(#"aws x --doc "$(cat f)""#))
        #expect(ShellWords.hasSubstitution("echo `date`"))
        #expect(ShellWords.hasSubstitution("echo $(date)"))
        #expect(!ShellWords.hasSubstitution("aws iam list-roles --query 'Roles[?contains(RoleName, `a`)]'"))
        #expect(!ShellWords.hasSubstitution("echo '$(not run)'"))
        #expect(!ShellWords.hasSubstitution("echo $HOME"))
    }
}
