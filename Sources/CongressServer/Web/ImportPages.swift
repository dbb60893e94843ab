import CongressCore
import CongressStore
import Documents
import Foundation
import Hummingbird
import MultipartKit

/// The delegate list from the web (nhập danh sách đại biểu): upload an .xlsx or .csv, see
/// every error with its row and column, or a preview of what would be added, changed and
/// removed; nothing changes until the person confirms, and the confirmation applies exactly
/// what was previewed through the CLI's import (`CongressStore.importDelegates`), refused if
/// the stored list changed meanwhile. The partial-list and admitted-delegate rules hold here
/// as on the command line.
struct ImportPages {
    let store: StoreRunner
    let live: LiveEvents
    /// With the key, the new delegates' badges are signed at once and can be printed next.
    let signingKey: CongressSigningKey?
    let pending = PendingImports()

    /// An upload larger than this is refused with the limit named: a national congress's
    /// list (1,100 delegates) is about 150 KB as .xlsx, 10,000 delegates under 2 MB.
    static let uploadLimit = 4 * 1024 * 1024
    static let limitWords = "4 MB"

    struct ConfirmForm: Decodable { var preview: String; var replace_all: String? }

    func addRoutes(to router: GatedRouter) {
        router.get("delegates/import") { request, context -> Response in
            let user = try Web.signedIn(context)
            return Web.html(Templates.render(ImportPage(user: UserView(user), flash: context.flash), "import", context.language))
        }
        router.post("delegates/import") { request, context -> Response in
            let user = try Web.signedIn(context)
            let page = ImportPage(user: UserView(user))
            let file: MultipartPart
            do {
                file = try await Self.uploadedFile(request)
            } catch let refusal as PageRefusal {
                var page = page
                page.refusal = refusal.words(context)
                return Web.html(Templates.render(page, "import", context.language), status: refusal.status)
            }
            let source = Self.fileName(file) ?? context.say("tệp tải lên")
            let ext = (source as NSString).pathExtension.lowercased()
            let reading = DelegateListFile.read(Data(buffer: file.body), source: source, fileExtension: ext)
            guard reading.errors.isEmpty else {
                return Web.html(Templates.render(ImportPage.rejected(page, reading, source: source, language: context.language), "import", context.language),
                                      status: .unprocessableContent)
            }
            let (changes, admitted) = try await store.run { try $0.previewImportWithRefusals(reading.delegates) }
            var view = ImportPage.previewed(page, reading, changes: changes, source: source, language: context.language)
            if !admitted.isEmpty {
                view.refusal = StoreError.wouldRemoveAdmitted(admitted).message(context.language)
            } else if !changes.isEmpty {
                view.preview?.id = await pending.keep(.init(username: user.username, source: source, delegates: reading.delegates,
                                                           changes: changes, at: .now))
            }
            var response = Web.html(Templates.render(view, "import", context.language))
            response.headers[.cacheControl] = "no-store"
            return response
        }
        router.post("delegates/import/confirm") { request, context -> Response in
            let user = try Web.signedIn(context)
            let form = try await Web.form(ConfirmForm.self, request, context)
            guard let item = await pending.take(form.preview, username: user.username) else {
                var page = ImportPage(user: UserView(user))
                page.refusal = context.say("Bản xem trước này không còn (đã nhập, đã quá một giờ, hoặc máy chủ vừa khởi động lại); chưa nhập gì. Hãy tải tệp lên lại.")
                return Web.html(Templates.render(page, "import", context.language), status: .conflict)
            }
            // the store's refusal kept typed, to be said in the page's language
            let outcome = try await store.run { store in
                Result { () throws(StoreError) in
                    try store.importDelegates(item.delegates, source: "web:\(item.source)", actor: "web:\(user.username)",
                                              allowingMassRemoval: form.replace_all != nil, previewed: item.changes)
                }
            }
            switch outcome {
            case .success(let changes):
                await live.changed()
                var said = ImportPage.done(changes, total: item.delegates.count, source: item.source, language: context.language)
                if let key = signingKey, !changes.added.isEmpty {
                    let signed = try await store.run { try $0.signPendingCredentials(with: key) }
                    if signed > 0 { said += " " + context.say("Đã ký {signed} thẻ mới; in được ngay ở trang In thẻ.", ["signed": String(signed)]) }
                }
                return Web.redirect("/delegates", flash: said)
            case .failure(let error):
                var page = ImportPage(user: UserView(user))
                page.refusal = error.message(context.language)
                return Web.html(Templates.render(page, "import", context.language), status: error.status)
            }
        }
    }


    /// The `file` part of a multipart/form-data upload, within the limit.
    static func uploadedFile(_ request: Request) async throws -> MultipartPart {
        let contentType = request.headers[.contentType] ?? ""
        guard contentType.lowercased().hasPrefix("multipart/form-data"),
              let boundary = contentType.split(separator: ";").lazy
                .map({ $0.trimmingCharacters(in: .whitespaces) })
                .first(where: { $0.lowercased().hasPrefix("boundary=") })
                .map({ String($0.dropFirst("boundary=".count)).trimmingCharacters(in: CharacterSet(charactersIn: "\"")) }),
              !boundary.isEmpty
        else {
            throw PageRefusal(phrase: "Hãy chọn tệp danh sách bằng ô «Tệp danh sách» rồi bấm Xem trước (biểu mẫu phải gửi dạng multipart/form-data).",
                                status: .badRequest)
        }
        let body: ByteBuffer
        do {
            body = try await request.body.collect(upTo: uploadLimit)
        } catch {
            throw PageRefusal(phrase: "Tệp quá lớn: giới hạn tải lên là {limit}; chưa nhập gì. Một danh sách đại biểu nhỏ hơn nhiều — hãy kiểm tra đã chọn đúng tệp.",
                              values: ["limit": limitWords],
                              status: .contentTooLarge)
        }
        // MultipartKit's parser, parts gathered as its FormDataDecoder does (which decodes
        // only Decodable fields: a part with its file name is not one)
        let parser = MultipartParser(boundary: boundary)
        var parts: [MultipartPart] = []
        var headers = HTTPHeaders()
        var partBody = ByteBuffer()
        parser.onHeader = { headers.replaceOrAdd(name: $0, value: $1) }
        parser.onBody = { partBody.writeBuffer(&$0) }
        parser.onPartComplete = {
            parts.append(MultipartPart(headers: headers, body: partBody))
            headers = HTTPHeaders()
            partBody = ByteBuffer()
        }
        guard (try? parser.execute(body)) != nil, let file = parts.first(where: { $0.name == "file" }),
              fileName(file) != nil || file.body.readableBytes > 0 else {
            throw PageRefusal(phrase: "Không thấy tệp trong biểu mẫu; hãy chọn tệp .xlsx hoặc .csv rồi bấm Xem trước.", status: .badRequest)
        }
        return file
    }

    /// The file's name as the browser sent it (its last path component).
    static func fileName(_ part: MultipartPart) -> String? {
        guard let disposition = part.headers["Content-Disposition"].first,
              let range = disposition.range(of: "filename=") else { return nil }
        var name = String(disposition[range.upperBound...])
        if name.hasPrefix("\"") { name = String(name.dropFirst().prefix { $0 != "\"" }) } else { name = String(name.prefix { $0 != ";" }) }
        name = String(name.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last ?? "")
        return name.isEmpty ? nil : String(VietnameseText.cleaned(name).prefix(120))
    }
}
