/// Finds the calls of this project's programs in a shell script, the way a reader of the
/// workflow would: continued lines joined, quotes honoured, comments skipped, GitHub
/// expressions (`${{ ... }}`) read as one opaque word.
///
/// It is a scanner, not a shell: it splits words and the operators that end a command
/// (`|`, `&&`, `||`, `;`, parentheses, newlines) and skips the word after a redirection.
/// That is enough for `run:` steps, which call each program with literal options.
enum ProjectCommandScanner {
    /// The executables this package builds.
    static let productNames: Set<String> = ["tls-policy-validator", "tls-policy-agent"]

    private enum Token: Equatable {
        case word(String)
        case commandEnd
        case redirection
    }

    /// Every call of a product binary (by name or by a path ending in its name) or of a
    /// script under `scripts/` in `script`, in order.
    static func invocations(in script: String) -> [ProjectCommandInvocation] {
        let tokens = tokenize(script)
        var found: [ProjectCommandInvocation] = []
        var index = 0
        while index < tokens.count {
            guard case .word(let word) = tokens[index], let program = projectProgram(word) else {
                index += 1
                continue
            }
            var subcommand: String?
            var options: [String] = []
            index += 1
            scan: while index < tokens.count {
                switch tokens[index] {
                case .commandEnd:
                    break scan
                case .redirection:
                    index += 2   // the operator and its file
                    continue scan
                case .word(let argument):
                    if argument.hasPrefix("-"), argument.count > 1 {
                        options.append(String(argument.split(separator: "=", maxSplits: 1)[0]))
                    } else if subcommand == nil, options.isEmpty, productNames.contains(program) {
                        subcommand = argument
                    }
                }
                index += 1
            }
            found.append(ProjectCommandInvocation(program: program, subcommand: subcommand, options: options))
        }
        return found
    }

    /// The program `word` names when it is one of ours, normalised (`./scripts/x` and
    /// `scripts/x` are the same script; `.build/release/tls-policy-agent` is the agent).
    private static func projectProgram(_ word: String) -> String? {
        let base = word.split(separator: "/").last.map(String.init) ?? word
        if productNames.contains(base) { return base }
        var path = word
        while path.hasPrefix("./") { path.removeFirst(2) }
        if path.hasPrefix("$GITHUB_WORKSPACE/") { path.removeFirst("$GITHUB_WORKSPACE/".count) }
        if path.hasPrefix("scripts/"), path.count > "scripts/".count, !path.dropFirst("scripts/".count).contains("/") {
            return path
        }
        return nil
    }

    private static func tokenize(_ script: String) -> [Token] {
        // GitHub replaces expressions before the shell sees the script.
        var text = script.replacingOccurrences(of: "\\\n", with: " ")
        while let start = text.range(of: "${{"), let end = text.range(of: "}}", range: start.upperBound..<text.endIndex) {
            text.replaceSubrange(start.lowerBound..<end.upperBound, with: "EXPRESSION")
        }
        var tokens: [Token] = []
        var word = ""
        var inWord = false
        func finishWord() {
            if inWord { tokens.append(.word(word)) }
            word = ""
            inWord = false
        }
        var characters = Array(text)[...]
        while let character = characters.popFirst() {
            switch character {
            case "'":
                inWord = true
                while let next = characters.popFirst(), next != "'" { word.append(next) }
            case "\"":
                inWord = true
                while let next = characters.popFirst(), next != "\"" {
                    if next == "\\", let escaped = characters.popFirst() { word.append(escaped) } else { word.append(next) }
                }
            case "\\":
                inWord = true
                if let escaped = characters.popFirst() { word.append(escaped) }
            case "#" where !inWord:
                while let next = characters.first, next != "\n" { characters.removeFirst() }
            case " ", "\t":
                finishWord()
            case "\n", ";", "|", "&", "(", ")":
                finishWord()
                if tokens.last != .commandEnd { tokens.append(.commandEnd) }
            case ">", "<":
                // A file-descriptor number glued to the operator (2>) belongs to it.
                if inWord, word.allSatisfy(\.isNumber) { word = ""; inWord = false }
                finishWord()
                if characters.first == ">" || characters.first == "&" { characters.removeFirst() }
                tokens.append(.redirection)
            default:
                inWord = true
                word.append(character)
            }
        }
        finishWord()
        return tokens
    }
}
