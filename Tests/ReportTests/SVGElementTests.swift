import Testing

@testable import Report

@Suite("SVG builder")
struct SVGElementTests {
    @Test func rendersAttributesInOrderAndEscapes() {
        var group = SVGElement.group(className: "a")
        group.append(.text("x < y & \"z\"", x: 1, y: 2.25))
        group.append(.rect(x: 0, y: 0, width: 10, height: 5, fill: "#fff"))
        #expect(
            group.render()
                == ##"<g class="a"><text x="1" y="2.3">x &lt; y &amp; "z"</text><rect x="0" y="0" width="10" height="5" fill="#fff"/></g>"##
        )
    }

    @Test(arguments: [
        (0.0, "0"), (12.0, "12"), (12.25, "12.3"), (-0.04, "0"), (-0.3, "-0.3"), (-12.5, "-12.5"), (1e-9, "0"),
    ])
    func formatsNumbersCompactly(value: Double, expected: String) {
        #expect(SVGNumber.format(value) == expected)
    }

    @Test func attributeValuesEscapeQuotes() {
        let element = SVGElement("a", [("title", "say \"hi\" <b>")])
        #expect(element.render() == #"<a title="say &quot;hi&quot; &lt;b&gt;"/>"#)
    }

    @Test func pathDataJoinsCommands() {
        var path = PathData()
        path.move(0, 0)
        path.line(10.04, 5)
        path.close()
        #expect(path.text == "M0,0 L10,5 Z")
    }
}
