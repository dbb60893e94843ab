/// A count is sealed (niêm phong) until the counting committee publishes it: before then
/// only the committee (the counting role) may see a figure of it, on a page, in the API,
/// in a draft of the minutes or in the list of the elected. The one place this is decided.
public enum ResultSeal {
    public static func mayRead(published: Bool, role: Role) -> Bool {
        published || role == .counting
    }
}
