import Foundation

/// Errors of a run request that are the user's to fix (exit status 2): nothing has run and
/// nothing has been touched.
public enum RunRequestError: Error, CustomStringConvertible {
    /// Every error of every scenario file, in the order the files were given.
    case scenario(ScenarioErrors)
    case unsupported(SimulationError)
    case outputFolder(String)
    /// An `--ablate` name that is not an ablation.
    case ablation(AblationNameError)

    public var description: String {
        switch self {
        case .ablation(let error): return error.message
        case .scenario(let errors): return errors.description
        case .unsupported(let error): return error.description
        case .outputFolder(let message): return message
        }
    }
}
