/// How text for people is styled: plain, or with ANSI colours on a terminal. Colour is on only
/// when asked (`--color always`) or when standard output is a terminal and `NO_COLOR` is not set
/// to a non-empty value (https://no-color.org); piped output is always plain.
public struct TextStyle: Sendable, Equatable {
    /// Whether ANSI escape sequences are written.
    public let colour: Bool

    public static let plain = TextStyle(colour: false)
    public static let ansi = TextStyle(colour: true)

    /// `--color auto|always|never`.
    public enum Mode: String, CaseIterable, Sendable {
        case auto, always, never
    }

    public init(colour: Bool) {
        self.colour = colour
    }

    /// The style for `mode`, given whether standard output is a terminal and the environment.
    public init(mode: Mode, isTerminal: Bool, environment: [String: String]) {
        switch mode {
        case .always: colour = true
        case .never: colour = false
        case .auto: colour = isTerminal && (environment["NO_COLOR"] ?? "").isEmpty
        }
    }

    /// A passing verdict or check: green.
    public func pass(_ text: String) -> String { paint(text, "32") }
    /// A failing verdict or check: bold red.
    public func fail(_ text: String) -> String { paint(text, "1;31") }
    /// Secondary text (paths, hints): dim.
    public func dim(_ text: String) -> String { paint(text, "2") }

    private func paint(_ text: String, _ code: String) -> String {
        colour ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }
}
