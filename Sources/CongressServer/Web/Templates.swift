import CongressCore
import Mustache

/// The web pages' mustache templates (swift-mustache), rendered in the asker's language.
/// The templates themselves are in PageTemplates.swift, the style in PageStyle.swift.
enum Templates {
    static let library: MustacheLibrary = {
        var library = MustacheLibrary()
        for (name, text) in sources {
            // The templates are fixed text checked by the tests; a parse error is a bug.
            if let template = try? MustacheTemplate(string: text) { library.register(template, named: name) }
        }
        return library
    }()

    static func render(_ object: some Sendable, _ name: String, _ language: Language = .vi) -> String {
        library.render(InLanguage(view: object, language: language), withTemplate: name) ?? "template \(name) missing"
    }

    /// A page's view with the words of its language: `{{#t}}phrase{{/t}}` says the phrase in
    /// the page's language (the catalogue's English, tags inside it rendered as usual), `lang`
    /// is the page's language code, `switchTo` the other language for the switch at the top.
    struct InLanguage: MustacheParent {
        let language: Language
        /// The view's stored properties, read once: the root is asked for a name many times a page.
        let properties: [String: Any]

        init(view: Any, language: Language) {
            self.language = language
            properties = Dictionary(Mirror(reflecting: view).children.compactMap { c in c.label.map { ($0, c.value) } },
                                    uniquingKeysWith: { a, _ in a })
        }

        func child(named name: String) -> Any? {
            switch name {
            case "t": return MustacheLambda { text in Catalogue.say(text, language) }
            case "lang": return language.rawValue
            // a page's title is a fixed phrase (a delegate's or an election's name is not in the catalogue and stays)
            case "title": return (properties["title"] as? String).map { Catalogue.say($0, language) }
            case "switchTo": return ["code": language.other.rawValue, "name": language.other.ownName]
            default:
                // a stored property of the view, an optional one as its value or nothing (as mustache does)
                guard let value = properties[name] else { return nil }
                let mirror = Mirror(reflecting: value)
                guard mirror.displayStyle == .optional else { return value }
                return mirror.children.first?.value
            }
        }
    }
}
