import ArgumentParser
import CongressServer
import CongressStore
import Foundation
import Hummingbird

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Chạy máy chủ: API cho trạm quét, màn hình hội trường. / Run the server: API for kiosks, the hall screen.")

    @OptionGroup var options: GlobalOptions

    @Option(help: "Địa chỉ nghe / address to listen on.")
    var host = "127.0.0.1"

    @Option(help: "Cổng / port.")
    var port = 8080

    @Option(name: .customLong("tls-cert"), help: "Chứng chỉ TLS (PEM, kèm chuỗi) / TLS certificate (PEM, with its chain): serve HTTPS.")
    var tlsCert: String?

    @Option(name: .customLong("tls-key"), help: "Khoá riêng của chứng chỉ (PEM) / the certificate's private key (PEM).")
    var tlsKey: String?

    @Flag(name: .customLong("plain-http"),
          help: "Cho phép HTTP không mã hoá trên địa chỉ khác 127.0.0.1 (không nên) / allow plain HTTP beyond 127.0.0.1 (not advised).")
    var plainHTTP = false

    @Option(name: .customLong("connections-per-address"), help: "Số kết nối tối đa của một địa chỉ / connections one client address may hold.")
    var connectionsPerAddress = 256

    func run() async throws {
        let vi = options.lang == .vi
        guard (tlsCert == nil) == (tlsKey == nil) else {
            Output.error(vi ? "--tls-cert và --tls-key phải đi cùng nhau." : "--tls-cert and --tls-key go together.")
            throw ExitCode(2)
        }
        let loopback = ["127.0.0.1", "::1", "localhost"].contains(host)
        // passwords and tokens cross the hall's network: in the clear only on this machine
        guard tlsCert != nil || loopback || plainHTTP else {
            Output.error(vi
                ? "Máy chủ nghe trên \(host) thì phải dùng HTTPS: --tls-cert TỆP --tls-key TỆP (mật khẩu và mã truy cập đi qua mạng hội trường). HTTP không mã hoá chỉ dành cho 127.0.0.1, hoặc thêm --plain-http nếu chấp nhận rủi ro."
                : "Listening on \(host) needs HTTPS: --tls-cert FILE --tls-key FILE (passwords and tokens cross the hall's network). Plain HTTP is for 127.0.0.1, or add --plain-http to accept the risk.")
            throw ExitCode(2)
        }
        for file in [tlsCert, tlsKey].compactMap({ $0 }) where !FileManager.default.isReadableFile(atPath: file) {
            Output.error(vi ? "Không đọc được tệp: \(file)" : "Cannot read the file: \(file)")
            throw ExitCode(2)
        }
        let store = try options.openStore()
        var listening = CongressApp.Listening(host: host, port: port, tls: tlsCert.flatMap { cert in tlsKey.map { (cert, $0) } })
        listening.connectionsPerAddress = max(1, connectionsPerAddress)
        let base = "\(tlsCert == nil ? "http" : "https")://\(host.contains(":") ? "[\(host)]" : host):\(port)"
        Output.error(vi
            ? "Đăng nhập: \(base)/login — màn hình hội trường: \(base)/board?token=MÃ_VIEWER — API: \(base)/api/v1/openapi.json"
            : "Sign in: \(base)/login — hall screen: \(base)/board?token=VIEWER_TOKEN — API: \(base)/api/v1/openapi.json")
        // With the key beside the database, the secretariat's pages can reissue badges.
        let key = try? SigningKeyFile.load(from: options.keyPath)
        do {
            try await CongressApp.application(store: store, signingKey: key, listening: listening).runService()
        } catch let error as CongressApp.TLSFilesUnreadable {
            Output.error(vi ? "Không đọc được chứng chỉ hoặc khoá TLS: \(error.reason)" : "Cannot read the TLS certificate or key: \(error.reason)")
            throw ExitCode(2)
        }
    }
}
