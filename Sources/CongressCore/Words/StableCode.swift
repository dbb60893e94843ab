/// A refusal's stable code for programs (`would_remove_admitted`, `not_printed`): its case's
/// name in snake case. Programs that talk to the server match on it; the message beside it
/// is for people and changes with the language. Renaming a case changes its code: the API
/// tests pin the codes that matter.
public enum StableCode {
    public static func of(_ value: Any) -> String {
        let name = Mirror(reflecting: value).children.first?.label ?? String(describing: value)
        var code = ""
        for character in name.prefix(while: { $0 != "(" }) {
            if character.isUppercase {
                code += "_" + character.lowercased()
            } else {
                code.append(character)
            }
        }
        return code
    }
}
