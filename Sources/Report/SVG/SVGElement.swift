/// A tiny SVG document builder: elements with ordered attributes and children, rendered with
/// XML escaping and compact, deterministic number formatting.
///
/// Every chart and drawing of the report is built from these values rather than concatenated
/// strings, so escaping happens in one place and tests can inspect the tree.
///
/// ```swift
/// var svg = SVGElement.svg(width: 200, height: 100)
/// svg.append(.rect(x: 0, y: 0, width: 200, height: 100, fill: "#eee"))
/// svg.append(.text("hello", x: 10, y: 20))
/// let markup = svg.render()
/// ```
public struct SVGElement: Sendable, Equatable {
    /// One child: an element or escaped text.
    public enum Content: Sendable, Equatable {
        case element(SVGElement)
        case text(String)
    }

    /// The tag name (`rect`, `g`, ...).
    public var name: String
    /// Attributes in the order they are written.
    public var attributes: [(String, String)]
    public var children: [Content]

    public init(_ name: String, _ attributes: [(String, String)] = [], children: [Content] = []) {
        self.name = name
        self.attributes = attributes
        self.children = children
    }

    public static func == (lhs: SVGElement, rhs: SVGElement) -> Bool {
        lhs.name == rhs.name && lhs.children == rhs.children && lhs.attributes.count == rhs.attributes.count
            && zip(lhs.attributes, rhs.attributes).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
    }

    /// The value of attribute `name`, if set.
    public func attribute(_ name: String) -> String? {
        attributes.first { $0.0 == name }?.1
    }

    /// Sets (or replaces) an attribute; returns self for chaining.
    public func with(_ name: String, _ value: String) -> SVGElement {
        var copy = self
        if let index = copy.attributes.firstIndex(where: { $0.0 == name }) {
            copy.attributes[index].1 = value
        } else {
            copy.attributes.append((name, value))
        }
        return copy
    }

    /// Appends a child element.
    public mutating func append(_ child: SVGElement) {
        children.append(.element(child))
    }

    /// Appends child elements.
    public mutating func append(contentsOf elements: [SVGElement]) {
        children.append(contentsOf: elements.map { .element($0) })
    }

    /// Every element below this one (depth first), itself excluded.
    public var descendants: [SVGElement] {
        var found: [SVGElement] = []
        for child in children {
            if case .element(let element) = child {
                found.append(element)
                found.append(contentsOf: element.descendants)
            }
        }
        return found
    }

    /// The concatenated text of this element and its descendants.
    public var textContent: String {
        children.map { child in
            switch child {
            case .text(let text): return text
            case .element(let element): return element.textContent
            }
        }.joined()
    }

    /// The markup of this element and its children.
    public func render() -> String {
        var output = ""
        output.reserveCapacity(4096)
        render(into: &output)
        return output
    }

    /// Appends the markup to `output`.
    public func render(into output: inout String) {
        output += "<"
        output += name
        for (key, value) in attributes {
            output += " "
            output += key
            output += "=\""
            output += Self.escape(value, attribute: true)
            output += "\""
        }
        if children.isEmpty {
            output += "/>"
            return
        }
        output += ">"
        for child in children {
            switch child {
            case .text(let text): output += Self.escape(text, attribute: false)
            case .element(let element): element.render(into: &output)
            }
        }
        output += "</"
        output += name
        output += ">"
    }

    /// XML escaping for text and attribute values.
    public static func escape(_ text: String, attribute: Bool) -> String {
        guard text.contains(where: { $0 == "&" || $0 == "<" || $0 == ">" || (attribute && $0 == "\"") }) else {
            return text
        }
        var escaped = ""
        escaped.reserveCapacity(text.count + 16)
        for character in text {
            switch character {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"" where attribute: escaped += "&quot;"
            default: escaped.append(character)
            }
        }
        return escaped
    }
}
