import Sim

/// The topology drawing as a standalone SVG file (`simctl topology --svg`): for slides and docs.
public enum TopologyPicture {
    /// The SVG of `scenario`'s topology with its faults drawn on; `faults: false` draws the bare topology.
    public static func svg(of scenario: Scenario, title: String, faults: Bool = true) -> String {
        var drawing = TopologyDrawing(
            topology: scenario.topology, faults: faults ? DrawnFault.of(scenario) : [], title: title
        ).render()
        drawing.children.insert(
            .element(SVGElement("desc", children: [.text("\(title): \(OutputFile.marker) topology")])), at: 0)
        return drawing.render() + "\n"
    }

    /// A scenario holding only the built-in topology `name` (`standard`, `three-verticals`).
    public static func builtin(_ name: String) throws(ScenarioError) -> Scenario {
        try ScenarioLoader.parse(yaml: "name: \(name)\nduration: 1s\ntopology: \(name)\n", file: "--topology \(name)")
    }
}
