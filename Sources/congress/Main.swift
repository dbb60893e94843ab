import ArgumentParser
import CongressCore
import Foundation

/// `congress`: the admin command line. Exit status: 0 done, 1 refused (a rule said no),
/// 2 bad input or usage, with the reason on standard error (DESIGN.md "The command line").
@main
struct CongressCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "congress",
        abstract: "Đại hội Công đoàn: danh sách đại biểu, điểm danh, bầu cử. / A trade union congress, from the delegate list to the counting minutes.",
        version: CongressVersion.string,
        subcommands: [
            InitCommand.self, ImportCommand.self, DelegatesCommand.self, NamesCommand.self,
            CredentialsCommand.self, ReissueCommand.self, BadgesCommand.self, KeyCommand.self,
            TokenCommand.self, UserCommand.self, SittingCommand.self, QuorumCommand.self, AbsenceCommand.self, SubstituteCommand.self,
            ServeCommand.self, TLSCommand.self,
            ElectionCommand.self, BallotsCommand.self, TallyCommand.self, ReportCommand.self, AuditCommand.self,
        ]
    )

    /// Runs the command line with the product's exit statuses: ArgumentParser's usage
    /// errors (64) become 2.
    static func main() async {
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch let exit as ExitCode {
            Foundation.exit(exit.rawValue)
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                exit(withError: error)  // --help, --version
            }
            Output.error(fullMessage(for: error))
            Foundation.exit(code == .validationFailure || code.rawValue == 64 ? 2 : code.rawValue)
        }
    }
}

enum CongressVersion {
    static let string = "0.1.0"
}
