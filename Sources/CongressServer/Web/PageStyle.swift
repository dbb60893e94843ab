import Hummingbird

/// The style sheet of the secretariat's and the committee's pages, and the routes that
/// serve it and the hall screen's style and script as files: nothing is inline, so the
/// Content Security Policy can refuse every inline style and script.
struct StaticFiles {
    static let pageStyle = """
        body{font-family:"Noto Sans","DejaVu Sans",sans-serif;margin:0;background:#fafafa;color:#222}
        body>nav{background:#8e1b1b;color:#fff;padding:.6em 1.2em;display:flex;gap:1.5em;align-items:center;flex-wrap:wrap}
        body>nav a{color:#fff;text-decoration:none;font-weight:600} body>nav .who{margin-left:auto;font-weight:400}
        body>nav a.language{font-weight:400;text-decoration:underline}
        nav.paging{margin:1em 0;display:flex;gap:1.5em} .refusal{border-color:#b71c1c}
        main{padding:1em 1.5em;max-width:1100px} h1{font-size:1.5em;color:#8e1b1b}
        table{border-collapse:collapse;width:100%} td,th{padding:.35em .5em;border-bottom:1px solid #ddd;text-align:left}
        form.inline{display:inline} input,select,button{font-size:1em;padding:.3em .5em}
        .ok{color:#1b5e20;font-weight:700} .no{color:#b71c1c;font-weight:700} .note{color:#666}
        .box{background:#fff;border:1px solid #ddd;border-radius:6px;padding:1em;margin:1em 0}
        .box.big{font-size:2em}
        .flash{background:#fff3cd;border:1px solid #e0c36a;padding:.6em 1em;border-radius:6px}
        img.crop{display:block;border:2px solid #b71c1c;max-width:100%}
        img.sheet{max-width:100%;border:1px solid #ccc}
        tr.flagged{background:#fff3cd}
        """

    /// The pages' icon: the union's red with a yellow star, as the tab shows it.
    static let icon = """
        <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="6" fill="#8e1b1b"/>\
        <path fill="#ffcd00" d="M16 5l3.1 9.5H29l-8 5.8 3.1 9.5-8.1-5.9-8.1 5.9 3.1-9.5-8-5.8h9.9z"/></svg>
        """

    func addRoutes(to router: GatedRouter) {
        for (path, type, text) in [("favicon.svg", "image/svg+xml", Self.icon),("congress.css", "text/css; charset=utf-8", Self.pageStyle),
                                   ("board.css", "text/css; charset=utf-8", BoardPage.style),
                                   ("board.js", "text/javascript; charset=utf-8", BoardPage.script),
                                   ("congress.js", "text/javascript; charset=utf-8", PageScript.text)] {
            router.get(path) { _, _ -> Response in
                var headers = HTTPFields()
                headers[.contentType] = type
                headers[.cacheControl] = "public, max-age=300"
                return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: text)))
            }
        }
    }
}
