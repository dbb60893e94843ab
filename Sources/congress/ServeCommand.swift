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

    func run() async throws {
        let store = try options.openStore()
        Output.error(options.lang == .vi
            ? "Máy chủ: http://\(host):\(port)/board?token=MÃ_VIEWER — API: http://\(host):\(port)/api/v1/openapi.json"
            : "Server: http://\(host):\(port)/board?token=VIEWER_TOKEN — API: http://\(host):\(port)/api/v1/openapi.json")
        // With the key beside the database, the secretariat's pages can reissue badges.
        let key = try? SigningKeyFile.load(from: options.keyPath)
        try await CongressApp.application(store: store, signingKey: key, host: host, port: port).runService()
    }
}
