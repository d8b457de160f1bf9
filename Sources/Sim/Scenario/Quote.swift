/// Shortens text from a scenario file for an error message, so that every message stays one
/// readable line however long or multi-line the offending value is.
enum Quote {
    /// Most characters of a value shown in a message.
    static let maxCharacters = 60

    /// `text` with line breaks and tabs escaped, cut to ``maxCharacters`` with `…`.
    static func short(_ text: String) -> String {
        var out = ""
        var shown = 0
        for character in text {
            if shown == maxCharacters {
                out += "…"
                break
            }
            switch character {
            case "\n", "\r\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default: out.append(character)
            }
            shown += 1
        }
        return out
    }
}
