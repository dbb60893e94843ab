import ArgumentParser
import CongressCore
import CongressServer
import Foundation

/// `congress tls certificate`: the hall's own certificate, for `serve --tls-cert` and `kiosk --ca`.
struct TLSCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tls",
        abstract: "Chứng chỉ HTTPS của hội trường. / The hall's HTTPS certificate.",
        subcommands: [Certificate.self])

    struct Certificate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: """
                Tạo chứng chỉ tự ký cho các địa chỉ của máy chủ; máy chủ dùng nó (--tls-cert, --tls-key), các trạm quét tin nó (kiosk --ca). \
                / Make a self-signed certificate for the server's addresses; the server presents it (--tls-cert, --tls-key), the kiosks trust it (kiosk --ca).
                """)
        @Option(name: .customLong("host"), help: "Tên hoặc địa chỉ IP của máy chủ, có thể nhiều lần / the server's name or IP address, repeatable")
        var hosts: [String] = []
        @Option(help: "Thư mục ghi hall-cert.pem và hall-key.pem / the folder to write hall-cert.pem and hall-key.pem to")
        var out = "."
        @Option(help: "Số ngày còn hiệu lực / days it is valid")
        var days = 30
        @Option(help: "vi | en") var lang: Language = .vi

        func run() throws {
            let vi = lang == .vi
            let hosts = (self.hosts.isEmpty ? ["localhost", "127.0.0.1"] : self.hosts).map { $0.trimmingCharacters(in: .whitespaces) }
            guard hosts.allSatisfy({ !$0.isEmpty && $0.count <= 253 && !$0.contains("/") }), (1...825).contains(days) else {
                Output.error(vi ? "--host: tên hoặc địa chỉ IP; --days: 1–825." : "--host: a name or an IP address; --days: 1–825.")
                throw ExitCode(2)
            }
            let made = try HallCertificate.make(hosts: hosts, days: days)
            let folder = URL(fileURLWithPath: out)
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let cert = folder.appendingPathComponent("hall-cert.pem"), key = folder.appendingPathComponent("hall-key.pem")
            try Data(made.certificate.utf8).write(to: cert)
            // the key is the server's alone
            guard FileManager.default.createFile(atPath: key.path, contents: Data(made.key.utf8), attributes: [.posixPermissions: 0o600]) else {
                Output.error(vi ? "Không ghi được khoá vào \(key.path)." : "Could not write the key to \(key.path).")
                throw ExitCode(2)
            }
            print(cert.path)
            print(key.path)
            Output.error(vi
                ? "Máy chủ: congress serve --host \(hosts[0]) --tls-cert \(cert.path) --tls-key \(key.path)\nTrạm quét: kiosk --server https://\(hosts[0]):8080 --ca \(cert.path) … (chép hall-cert.pem sang, không chép khoá)"
                : "Server: congress serve --host \(hosts[0]) --tls-cert \(cert.path) --tls-key \(key.path)\nKiosk: kiosk --server https://\(hosts[0]):8080 --ca \(cert.path) … (copy hall-cert.pem over, never the key)")
        }
    }
}
