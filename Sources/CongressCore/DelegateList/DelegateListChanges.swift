/// What importing a new delegate list would change, delegate by delegate (matched by code).
public struct DelegateListChanges: Sendable, Hashable {
    public struct Change: Sendable, Hashable {
        public var before: Delegate
        public var after: Delegate
        /// The columns whose values differ.
        public var fields: [DelegateField]
    }

    public var added: [Delegate]
    public var changed: [Change]
    public var removed: [Delegate]
    public var unchanged: Int

    public var isEmpty: Bool { added.isEmpty && changed.isEmpty && removed.isEmpty }

    /// Delegates in the list before the change.
    public var previousCount: Int { removed.count + changed.count + unchanged }

    /// The new list would remove more than half of the current delegates: most likely a
    /// partial file, which an import refuses unless told otherwise.
    public var removesMost: Bool { !removed.isEmpty && removed.count * 2 > previousCount }

    /// Compares the list in the database with a new one; results follow the new list's
    /// order, removals the old list's.
    public init(from old: [Delegate], to new: [Delegate]) {
        let oldByCode = Dictionary(old.map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
        let newCodes = Set(new.map(\.code))
        var added: [Delegate] = []
        var changed: [Change] = []
        var unchanged = 0
        for delegate in new {
            guard let before = oldByCode[delegate.code] else { added.append(delegate); continue }
            if before == delegate {
                unchanged += 1
            } else {
                changed.append(Change(before: before, after: delegate,
                                      fields: DelegateField.allCases.filter {
                                          DelegateListExport.value(of: $0, in: before)
                                              != DelegateListExport.value(of: $0, in: delegate)
                                      }))
            }
        }
        self.added = added
        self.changed = changed
        self.removed = old.filter { !newCodes.contains($0.code) }
        self.unchanged = unchanged
    }
}
