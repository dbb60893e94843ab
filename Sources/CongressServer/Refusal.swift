import CongressCore
import CongressStore
import Foundation
import Hummingbird

/// A request refused, said in the asker's language with a stable `code` for programs:
/// the API answers `{"error": {"code": "…", "message": "…"}}`, a page answers a page that
/// says the same in words with a way back. Every refusal of the server is one of these;
/// an `HTTPError` from the framework (an unknown route, a body that is not JSON) becomes
/// one by its status.
struct Refusal: Error, HTTPResponseError, Sendable {
    var status: HTTPResponse.Status
    var code: String
    var vi: String
    var en: String
    /// For a 405: the methods the path takes.
    var allow: [String] = []

    init(_ status: HTTPResponse.Status, code: String, vi: String, en: String) {
        (self.status, self.code, self.vi, self.en) = (status, code, vi, en)
    }

    init(_ error: StoreError) {
        self.init(error.status, code: error.code, vi: error.message(.vi), en: error.message(.en))
    }

    /// A framework error, by its status; its own text (English, for developers) kept in
    /// the English message.
    init(_ error: HTTPError) {
        let (code, vi, en) = Self.words(error.status)
        let detail = error.body.map { " (\($0.prefix(200)))" } ?? ""
        // the framework's own words are for developers: in the English message only
        self.init(error.status, code: code, vi: vi, en: en + detail)
    }

    func message(_ language: Language) -> String { language == .vi ? vi : en }

    var headers: HTTPFields { [:] }

    struct Body: Encodable {
        struct Detail: Encodable { var code: String; var message: String }
        var error: Detail
    }

    func response(from request: Request, context: some RequestContext) throws -> Response {
        let language = (context as? CongressRequestContext)?.language ?? .vi
        // a page's refusal is a page, unless the asker wants JSON only; the API's is JSON
        let accept = request.headers[.accept] ?? ""
        // the API's path however it is written (//api/v1/…, /API/…): its refusals are JSON
        let isAPI = request.uri.path.split(separator: "/").first?.lowercased() == "api"
        let wantsPage = !isAPI && !(accept.contains("json") && !accept.contains("text/html"))
        if wantsPage {
            let page = ErrorPage(title: Catalogue.say("Không làm được", language), user: (context as? CongressRequestContext)?.person.map(UserView.init),
                                 message: message(language), signIn: status == .unauthorized)
            return Web.html(Templates.render(page, "error", language), status: status)
        }
        var response = try context.responseEncoder.encode(Body(error: .init(code: code, message: message(language))),
                                                           from: request, context: context)
        response.status = status
        if !allow.isEmpty { response.headers[.allow] = allow.joined(separator: ", ") }
        return response
    }

    /// What a framework error's status says.
    static func words(_ status: HTTPResponse.Status) -> (code: String, vi: String, en: String) {
        switch status.code {
        case 400: ("bad_request", "Yêu cầu không đúng dạng.", "The request is not well formed.")
        case 401: ("unauthorized", "Cần đăng nhập hoặc mã truy cập hợp lệ.", "Sign in, or send a valid token.")
        case 403: ("forbidden", "Vai trò này không được làm việc này.", "This role may not do this.")
        case 404: ("not_found", "Không có trang hoặc mục này.", "There is no such page or item.")
        case 405: ("method_not_allowed", "Không nhận cách gửi này cho địa chỉ này.", "This method is not accepted at this address.")
        case 413: ("content_too_large", "Nội dung gửi lên quá lớn.", "The request body is too large.")
        case 415: ("unsupported_media_type", "Không nhận loại nội dung này.", "This content type is not accepted.")
        default: ("server_error", "Máy chủ gặp lỗi; hãy thử lại.", "The server failed; try again.")
        }
    }
}

/// The page a refused page request shows.
struct ErrorPage: Sendable {
    var title: String
    var user: UserView?
    var flash: String?
    var message: String
    var signIn: Bool
}

/// The language of the asker (ngôn ngữ): the switch's cookie, else the browser's
/// Accept-Language, else Vietnamese. The outermost middleware, so that every answer,
/// refusals included (SecurityHeaders renders them), is in it.
public struct LanguageChoice: RouterMiddleware {
    public typealias Context = CongressRequestContext
    public static let cookie = "congress_lang"

    public init() {}

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        context.language = Self.language(request)
        return try await next(request, context)
    }

    static func language(_ request: Request) -> Language {
        if let chosen = Web.cookieValue(cookie, request), let language = Language(rawValue: chosen) { return language }
        return accepted(request.headers[.acceptLanguage] ?? "")
    }

    /// The preferred of vi and en in an Accept-Language header ("en-GB,en;q=0.9,vi;q=0.8").
    public static func accepted(_ header: String) -> Language {
        var best: (Language, Double)?
        for item in header.split(separator: ",") {
            let parts = item.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
            guard let tag = parts.first, let language = Language(rawValue: String(tag.prefix(2))),
                  tag.count == 2 || tag.dropFirst(2).hasPrefix("-") else { continue }
            let q = parts.dropFirst().first { $0.hasPrefix("q=") }.flatMap { Double($0.dropFirst(2)) } ?? 1
            if q > 0, q > (best?.1 ?? 0) { best = (language, q) }
        }
        return best?.0 ?? .vi
    }
}
