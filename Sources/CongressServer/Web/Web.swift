import CongressCore
import CongressStore
import Documents
import Foundation
import Hummingbird
import HummingbirdBcrypt

/// What every page shares: who is signed in, the role and same-origin check of a form's
/// post, reading a form, the session and flash cookies, an HTML answer, a redirect that
/// says what the action did.
enum Web {
    static let cookie = "congress_session"


    /// The person signed in, whom PageGate has let in to this page.
    static func signedIn(_ context: CongressRequestContext) throws -> Person {
        guard let person = context.person else { throw Refusal(.unauthorized, code: "sign_in", vi: "Cần đăng nhập.", en: "Sign in first.") }
        return person
    }

    /// A form's fields. A field left empty is a field not given: an optional one takes its
    /// default, a required one is said to be missing, by its name.
    static func form<T: Decodable>(_ type: T.Type, _ request: Request, _ context: CongressRequestContext) async throws -> T {
        let buffer = try await request.body.collect(upTo: context.maxUploadSize)
        let given = String(buffer: buffer).split(separator: "&").filter { pair in
            guard let equals = pair.firstIndex(of: "=") else { return true }
            return pair.index(after: equals) < pair.endIndex
        }.joined(separator: "&")
        do {
            return try URLEncodedFormDecoder().decode(T.self, from: given)
        } catch let error as DecodingError {
            let field: String? = switch error {
            case .keyNotFound(let key, _): key.stringValue
            case .typeMismatch(_, let where_), .valueNotFound(_, let where_), .dataCorrupted(let where_): where_.codingPath.last?.stringValue
            @unknown default: nil
            }
            guard let field else { throw incomplete }
            throw Refusal(.badRequest, code: "form_field", vi: "Trường «\(field)» của biểu mẫu còn trống hoặc không đúng; hãy điền lại.",
                          en: "The form's field «\(field)» is empty or not right; fill it in again.")
        } catch {
            throw incomplete
        }
    }

    private static var incomplete: Refusal {
        Refusal(.badRequest, code: "form_incomplete", vi: "Biểu mẫu thiếu hoặc sai trường.", en: "The form is missing a field, or one is wrong.")
    }

    static func sessionToken(_ request: Request) -> String? { cookieValue(cookie, request) }

    static func cookieValue(_ name: String, _ request: Request) -> String? {
        guard let header = request.headers[.cookie] else { return nil }
        for part in header.split(separator: ";") {
            let pair = part.trimmingCharacters(in: .whitespaces).split(separator: "=", maxSplits: 1).map(String.init)
            if pair.count == 2, pair[0] == name, !pair[1].isEmpty { return pair[1] }
        }
        return nil
    }

    /// What an action did, said on the page it redirects to (post, redirect, get): a cookie
    /// of its own, read by the next page and cleared by it.
    static let flashCookie = "congress_flash"

    static func flashMessage(_ request: Request) -> String? {
        cookieValue(flashCookie, request).flatMap { $0.removingPercentEncoding }.map { String($0.prefix(300)) }
    }

    static func html(_ text: String, status: HTTPResponse.Status = .ok) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "text/html; charset=utf-8"
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }

    static func redirect(_ location: String, flash: String? = nil) -> Response {
        var headers = HTTPFields()
        headers[.location] = location
        if let flash, let value = flash.addingPercentEncoding(withAllowedCharacters: .alphanumerics) {
            headers[.setCookie] = "\(flashCookie)=\(value); Path=/; HttpOnly; SameSite=Strict; Max-Age=60"
        }
        return Response(status: .seeOther, headers: headers)
    }

    static func signIn(_ context: CongressRequestContext) -> Response { redirect("/login") }

    /// `text` when it is a path of this server and nothing else: one slash, then a letter
    /// or digit, and only the characters of a URL's path and query. Browsers read `//x`
    /// and `/\x` as another site; a redirect goes only where this says.
    static func localPath(_ text: String) -> String? {
        let allowed = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~/?=&%+,;:@")
        let scalars = text.unicodeScalars
        guard text.count <= 2000, scalars.first == "/", let second = scalars.dropFirst().first,
              CharacterSet.alphanumerics.contains(second), second.isASCII,
              scalars.allSatisfy({ allowed.contains($0) }), !text.contains("//") else { return nil }
        return text
    }
}

/// What a page could not do, said on the page itself (not an error page): a catalogue
/// phrase, what fills it, and the status the page is answered with.
struct PageRefusal: Error {
    var phrase: String
    var values: [String: String] = [:]
    var status: HTTPResponse.Status

    func words(_ context: CongressRequestContext) -> String { context.say(phrase, values) }
}
