import CongressCore
import GRDB

/// Coded columns (a status, a sex, a role) read back strictly: a value this version does not
/// know means the file was written by something else, or damaged. Reading it as a default
/// (`?? .draft`, `?? .male`) would print a false statement on a page or in the minutes; it
/// is refused instead, naming the table, the column and the value.
extension Row {
    func coded<E: RawRepresentable>(_ column: String, of table: String, as type: E.Type = E.self) throws -> E where E.RawValue == String {
        let text: String? = self[column]
        guard let text, let value = E(rawValue: text) else {
            throw StoreError.unreadableValue(table: table, column: column, value: text ?? "NULL")
        }
        return value
    }

    /// A coded column that may be NULL (NULL is nil; an unknown value is still refused).
    func codedIfPresent<E: RawRepresentable>(_ column: String, of table: String, as type: E.Type = E.self) throws -> E? where E.RawValue == String {
        let text: String? = self[column]
        guard let text else { return nil }
        guard let value = E(rawValue: text) else { throw StoreError.unreadableValue(table: table, column: column, value: text) }
        return value
    }
}
