/// Someone allowed to change the editorial overrides, as the audit log names them.
public struct Editor: Sendable, Equatable {
    public var name: String

    public init(name: String) {
        self.name = name
    }
}
