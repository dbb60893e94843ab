import ArgumentParser
import CongressCore
import CongressStore
import Foundation

/// Options every subcommand takes.
struct GlobalOptions: ParsableArguments {
    @Option(name: .long, help: "Tệp cơ sở dữ liệu đại hội / congress database (default: $CONGRESS_DB, else ./congress.db).")
    var db: String?

    @Option(name: .long, help: "Ngôn ngữ thông báo / message language: vi, en.")
    var lang: Language = .vi

    /// A line in the chosen language, from the message catalogue (`{name}` filled).
    func say(_ vietnamese: String, _ values: [String: String] = [:]) -> String {
        Catalogue.say(vietnamese, lang, values)
    }

    var databasePath: String {
        if let db, !db.isEmpty { return db }
        if let env = ProcessInfo.processInfo.environment["CONGRESS_DB"], !env.isEmpty { return env }
        return "congress.db"
    }

    /// The private key file beside the database.
    var keyPath: String { SigningKeyFile.path(forDatabase: databasePath) }

    func loadKey() throws -> CongressSigningKey {
        do { return try SigningKeyFile.load(from: keyPath) } catch { throw fail(error) }
    }

    /// Every current credential, signing first those not signed yet (new delegates).
    func signedCredentials(_ store: CongressStore) throws -> [Credential] {
        let current: [Credential]
        do { current = try store.credentials() } catch { throw fail(error) }
        guard current.contains(where: { $0.payload == nil }) else { return current }
        let key = try loadKey()
        do {
            try store.signPendingCredentials(with: key)
            return try store.credentials()
        } catch {
            throw fail(error)
        }
    }

    /// Who is acting, for the audit log.
    var actor: String {
        "cli:" + (ProcessInfo.processInfo.environment["USER"] ?? "unknown")
    }

    func openStore() throws -> CongressStore {
        do {
            return try CongressStore.open(at: databasePath)
        } catch {
            throw fail(error)
        }
    }

    /// Prints a store error in the chosen language and gives the exit status it deserves.
    func fail(_ error: StoreError) -> ExitCode {
        Output.error(error.message(lang))
        return ExitCode(error.isRefusal ? 1 : 2)
    }
}

extension Language: ExpressibleByArgument {}

enum Output {
    static func error(_ text: String) {
        FileHandle.standardError.write(Data((text.hasSuffix("\n") ? text : text + "\n").utf8))
    }

    /// One line on standard output, written at once: a pipe (a script following the box as
    /// it is scanned) sees each line as it is said, not when a buffer fills.
    static func line(_ text: String) {
        FileHandle.standardOutput.write(Data((text + "\n").utf8))
    }

    /// A name from outside (a file dropped in the scanner's folder) as a terminal may show
    /// it: control characters written as `\u{1B}`, so that a name cannot move the cursor,
    /// recolour the screen or hide the lines before it.
    static func shown(_ name: String) -> String {
        var out = ""
        for scalar in name.unicodeScalars {
            switch scalar.properties.generalCategory {
            case .control, .format, .lineSeparator, .paragraphSeparator:
                out += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    static func json(_ value: some Encodable) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        print(String(decoding: try encoder.encode(value), as: UTF8.self))
    }
}
