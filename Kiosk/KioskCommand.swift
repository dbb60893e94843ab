import ArgumentParser
import CongressCore
import Foundation
import KioskStation

/// `kiosk`: the scan station at one entrance (DESIGN.md "`kiosk --json`"). Exit status 0
/// done, 1 refused (the server refuses the token), 2 bad usage, like `congress`.
@main
struct KioskCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kiosk",
        abstract: "Trạm quét thẻ đại biểu: quét thẻ, biết ngay ai được vào, kể cả khi mất mạng. / The badge scan station.",
        discussion: """
            Quét thẻ bằng máy quét USB (chế độ bàn phím). Gõ / rồi một phần họ tên để tìm đại biểu quên thẻ. \
            Với --json: mỗi dòng vào là một lần quét, mỗi lần quét một đối tượng JSON ra. \
            / Scan with a USB scanner in keyboard mode; type / and part of a name for a delegate without \
            their badge. With --json: one scanned payload per input line, one JSON object per scan.
            """,
        version: KioskVersion.string
    )

    @Option(help: "Địa chỉ máy chủ / the server, e.g. http://192.168.1.10:8080")
    var server: String

    @Option(help: "Mã truy cập vai trò kiosk (hoặc biến môi trường KIOSK_TOKEN) / a kiosk token (or $KIOSK_TOKEN)")
    var token: String?

    @Option(help: "Tên cửa / the station's name, as the attendance list shows it")
    var station: String = ProcessInfo.processInfo.hostName

    @Option(help: "Ai được vào cửa này: delegates (đại biểu) hoặc all (mọi người) / who this entrance admits")
    var entrance: Entrance = .delegates

    @Option(help: "Thư mục dữ liệu của trạm / the station's data directory (default: ./kiosk-STATION)")
    var data: String?

    @Option(help: "Chứng chỉ của máy chủ (PEM) để tin, thay cho các tổ chức cấp chứng chỉ của hệ thống / the server's certificate (PEM) to trust instead of the system's authorities")
    var ca: String?

    @Flag(help: "Một đối tượng JSON cho mỗi lần quét / one JSON object per scan on standard output")
    var json = false

    @Option(help: "Khi hết dữ liệu vào, chờ gửi hết tối đa ngần ấy giây / at end of input, wait this long for the outbox to drain")
    var drainTimeout: Double = 10

    func validate() throws {
        guard let url = URL(string: server), url.scheme == "http" || url.scheme == "https", url.host != nil else {
            throw ValidationError("--server: cần một địa chỉ http://máy:cổng / needs an http://host:port address, got \(server)")
        }
        if ca != nil, URL(string: server)?.scheme != "https" {
            throw ValidationError("--ca: chỉ dùng với địa chỉ https:// / only with an https:// server")
        }
        guard resolvedToken != nil else {
            throw ValidationError("--token: cần mã truy cập (congress token create --role kiosk) / a kiosk token is required")
        }
        guard !station.isEmpty, station.count <= 64 else { throw ValidationError("--station: 1–64 ký tự / characters") }
    }

    var resolvedToken: String? { token ?? ProcessInfo.processInfo.environment["KIOSK_TOKEN"] }

    func run() async throws {
        let directory = data ?? "kiosk-" + station.map { $0.isLetter || $0.isNumber ? $0 : "-" }.reduce("") { $0 + String($1) }
        let store: StationStore
        do { store = try StationStore(directory: directory) } catch {
            throw KioskFailure.message("Không mở được dữ liệu của trạm ở \(directory) / cannot open the station's data: \(error)", status: 2)
        }
        let link: ServerLink
        do { link = try ServerLink(server: server, token: resolvedToken ?? "", trusting: ca) } catch {
            throw KioskFailure.message("Không đọc được chứng chỉ --ca \(ca ?? "") / cannot read the --ca certificate: \(error)", status: 2)
        }
        let station = try Station(name: station, entrance: entrance, store: store, link: link)
        let exchange = Task { await station.run() }
        defer { exchange.cancel() }
        let status: Int32
        if json {
            status = await JSONMode(station: station, drainTimeout: .milliseconds(Int(drainTimeout * 1000))).run()
        } else {
            status = await ScreenMode(station: station).run()
        }
        exchange.cancel()
        if status != 0 { throw ExitCode(status) }
    }
}

extension Entrance: ExpressibleByArgument {}

enum KioskFailure: Error, CustomStringConvertible {
    case message(String, status: Int32)
    var description: String {
        switch self { case .message(let m, _): m }
    }
}

enum KioskVersion {
    static let string = "0.2.0"
}
