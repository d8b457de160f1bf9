/// Identifies a session: one user on one surface (cookies and pins are per domain).
struct SessionKey: Hashable, Sendable {
    let user: String
    let surface: String
}
