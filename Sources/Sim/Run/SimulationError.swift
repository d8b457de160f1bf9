import Edge
import Foundation
import Logging
import Mechanisms
import Verticals

/// Why a run could not start or finish.
public enum SimulationError: Error, CustomStringConvertible {
    /// The scenario asks for something this build cannot simulate.
    case unsupported(ScenarioError)
    /// The run folder or a vertical's storage could not be created.
    case storage(String)

    public var description: String {
        switch self {
        case .unsupported(let error): return error.description
        case .storage(let message): return "cannot prepare the run folder: \(message)"
        }
    }
}
