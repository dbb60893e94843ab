import ArgumentParser
import CongressCore
import CongressStore
import Foundation

struct CredentialsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "credentials",
        abstract: "Mã QR của thẻ đại biểu. / Badge credentials (QR payloads).",
        subcommands: [List.self, Verify.self],
        defaultSubcommand: List.self)

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Mã đại biểu và nội dung QR hiện hành của từng người. / Each delegate's code and current QR payload.")

        @OptionGroup var options: GlobalOptions

        @Flag(help: "In dạng JSON / print as JSON.")
        var json = false

        func run() throws {
            let store = try options.openStore()
            let credentials = try options.signedCredentials(store)
            if json {
                struct Row: Encodable { var code: String; var serial: Int; var payload: String }
                try Output.json(credentials.map { Row(code: $0.code, serial: $0.serial, payload: $0.payload ?? "") })
            } else {
                for c in credentials { print("\(c.code)\t\(c.payload ?? "")") }
            }
        }
    }

    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Kiểm tra một mã QR: valid CODE, revoked, invalid_signature hoặc malformed. / Check a payload; exit 0 only when valid.")

        @OptionGroup var options: GlobalOptions

        @Argument(help: "Nội dung quét được / the scanned text.")
        var payload: String

        @Flag(help: "In dạng JSON / print as JSON.")
        var json = false

        func run() throws {
            let store = try options.openStore()
            let verifier: CredentialVerifier
            do {
                verifier = try store.credentialVerifier()
            } catch {
                throw options.fail(error)
            }
            let check = verifier.check(payload)
            var code: String?
            var serial: Int?
            switch check {
            case .valid(let id), .revoked(let id): (code, serial) = (id.code, id.serial)
            default: break
            }
            if json {
                struct Out: Encodable { var verdict: String; var code: String?; var serial: Int? }
                try Output.json(Out(verdict: check.verdict, code: code, serial: serial))
            } else if case .valid(let id) = check {
                print("valid \(id.code)")
            } else {
                print(check.verdict)
            }
            switch check {
            case .valid: return
            case .malformed(let why):
                Output.error(options.lang == .vi ? "Không phải mã thẻ đại biểu (\(why))." : "Not a badge payload (\(why)).")
                throw ExitCode(2)
            case .unknownKey(let id):
                Output.error(options.lang == .vi ? "Ký bằng khoá \(id), không phải khoá của đại hội này." : "Signed with key \(id), not this congress's.")
                throw ExitCode(1)
            case .badSignature:
                Output.error(options.lang == .vi ? "Chữ ký không khớp: mã đã bị sửa hoặc giả." : "The signature does not match: altered or forged.")
                throw ExitCode(1)
            case .revoked(let id):
                Output.error(options.lang == .vi ? "Thẻ \(id.code) số \(id.serial) đã bị thu hồi (đã cấp thẻ mới)." : "Badge \(id.code) serial \(id.serial) was revoked (a new badge was issued).")
                throw ExitCode(1)
            }
        }
    }
}

struct ReissueCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reissue",
        abstract: "Cấp lại thẻ cho một đại biểu; thẻ cũ bị từ chối từ lúc này. / New badge for one delegate; the old one is refused from now on.")

    @OptionGroup var options: GlobalOptions

    @Argument(help: "Mã đại biểu / delegate code.")
    var code: String

    @Option(help: "Lý do (ghi vào nhật ký) / why, for the audit log, e.g. \"mất thẻ\".")
    var reason: String = "cấp lại thẻ"

    func run() throws {
        let store = try options.openStore()
        let key = try options.loadKey()
        let credential: Credential
        do {
            credential = try store.reissueCredential(code: code.uppercased(), reason: reason, actor: options.actor, key: key)
        } catch {
            throw options.fail(error)
        }
        print(credential.payload ?? "")
        Output.error(options.lang == .vi
            ? "Đã cấp thẻ số \(credential.serial) cho \(credential.code); thẻ cũ bị thu hồi. In lại: congress badges --only \(credential.code)"
            : "Issued badge serial \(credential.serial) to \(credential.code); the old one is revoked. Reprint: congress badges --only \(credential.code)")
    }
}

struct KeyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "key",
        abstract: "Khoá công khai của đại hội. / The congress public key.",
        subcommands: [Export.self])

    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "In khoá công khai (JSON) để trạm quét kiểm tra thẻ khi mất mạng. / Print the public key (JSON) for offline badge checks.")

        @OptionGroup var options: GlobalOptions

        func run() throws {
            let store = try options.openStore()
            let keys: [PublicSigningKey]
            do { keys = try store.signingKeys() } catch { throw options.fail(error) }
            struct Out: Encodable { var algorithm = "Ed25519"; var key_id: String; var public_key: String }
            try Output.json(keys.map { Out(key_id: $0.keyID, public_key: $0.publicKey.base64EncodedString()) })
        }
    }
}
