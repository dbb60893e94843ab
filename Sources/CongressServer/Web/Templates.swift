import Mustache

/// The web pages' mustache templates (swift-mustache). Kept in the source so that the
/// binary carries them: a hall laptop has the program and nothing else.
enum Templates {
    static let library: MustacheLibrary = {
        var library = MustacheLibrary()
        for (name, text) in sources {
            // The templates are fixed text checked by the tests; a parse error is a bug.
            if let template = try? MustacheTemplate(string: text) { library.register(template, named: name) }
        }
        return library
    }()

    static func render(_ object: some Sendable, _ name: String) -> String {
        library.render(object, withTemplate: name) ?? "template \(name) missing"
    }

    static let sources: [String: String] = [
        "head": """
            <!doctype html><html lang="vi"><head><meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1"><title>{{title}} — congress</title>
            <style>
            body{font-family:"Noto Sans","DejaVu Sans",sans-serif;margin:0;background:#fafafa;color:#222}
            body>nav{background:#8e1b1b;color:#fff;padding:.6em 1.2em;display:flex;gap:1.5em;align-items:center}
            body>nav a{color:#fff;text-decoration:none;font-weight:600} body>nav .who{margin-left:auto;font-weight:400}
            nav.paging{margin:1em 0;display:flex;gap:1.5em} .refusal{border-color:#b71c1c}
            main{padding:1em 1.5em;max-width:1100px} h1{font-size:1.5em;color:#8e1b1b}
            table{border-collapse:collapse;width:100%} td,th{padding:.35em .5em;border-bottom:1px solid #ddd;text-align:left}
            form.inline{display:inline} input,select,button{font-size:1em;padding:.3em .5em}
            .ok{color:#1b5e20;font-weight:700} .no{color:#b71c1c;font-weight:700} .note{color:#666}
            .box{background:#fff;border:1px solid #ddd;border-radius:6px;padding:1em;margin:1em 0}
            .flash{background:#fff3cd;border:1px solid #e0c36a;padding:.6em 1em;border-radius:6px}
            </style></head><body>
            <nav><a href="/delegates">Đại biểu</a><a href="/sittings">Phiên họp</a><a href="/elections">Bầu cử</a><a href="/reports">Báo cáo</a><a href="/board">Màn hình hội trường</a>{{#user}}<a href="/devices">Thiết bị</a>{{/user}}
            {{#user}}<span class="who">{{name}} ({{role}})</span>
            <form class="inline" method="post" action="/logout"><button>Đăng xuất</button></form>{{/user}}</nav><main>
            {{#flash}}<p class="flash" role="status">{{.}}</p>{{/flash}}
            """,
        "foot": "</main></body></html>",
        "paging": """
            <nav class="paging" aria-label="Các trang">{{#previous}}<a href="{{href}}">{{words}}</a> {{/previous}}<span>{{words}}</span>{{#next}} <a href="{{href}}">{{words}}</a>{{/next}}</nav>
            """,
        "board": BoardPage.template,
        "elections": """
            {{> head}}
            <h1>Bầu cử</h1>
            <table><tr><th>Số</th><th>Cuộc bầu cử</th><th>Vòng</th><th>Số lượng</th><th>Tình trạng</th></tr>
            {{#elections}}<tr><td>{{id}}</td><td><a href="/elections/{{id}}">{{title}}</a></td><td>{{round}}</td><td>{{seats}}</td><td>{{status}}</td></tr>{{/elections}}</table>
            <p><a href="/elections/new">Lập cuộc bầu cử mới</a></p>
            {{> foot}}
            """,
        "reports": """
            {{> head}}
            <h1>Báo cáo</h1>
            <div class="box"><b>Thẩm tra tư cách đại biểu</b> — triệu tập {{convened}}, có mặt {{present}} ({{percent}}%){{#sitting}}, phiên {{.}}{{/sitting}}:
            <a href="/reports/tham-tra-tu-cach.pdf">PDF</a> · <a href="/reports/tham-tra-tu-cach.json">JSON</a></div>
            <div class="box"><b>Điểm danh phiên họp</b> (có mặt, vắng mặt theo đoàn):
            <a href="/reports/diem-danh.pdf">PDF</a> · <a href="/reports/diem-danh.csv">CSV</a> · <a href="/reports/diem-danh.xlsx">XLSX</a></div>
            <div class="box"><b>Danh sách đại biểu</b> (nhập lại được): <a href="/reports/danh-sach-dai-bieu.csv">CSV</a> ·
            <a href="/reports/danh-sach-dai-bieu.xlsx">XLSX</a></div>
            <div class="box"><b>Kết quả bầu cử đã công bố</b> (hồ sơ công nhận gửi cấp trên)
            <ul>{{#elections}}<li>{{title}}: biên bản kiểm phiếu <a href="/reports/elections/{{id}}/bien-ban.pdf">PDF</a> <a href="/reports/elections/{{id}}/bien-ban.xlsx">XLSX</a> ·
            trích ngang <a href="/reports/elections/{{id}}/trich-ngang.pdf">PDF</a> <a href="/reports/elections/{{id}}/trich-ngang.xlsx">XLSX</a></li>{{/elections}}</ul></div>
            {{> foot}}
            """,
        "election-new": """
            {{> head}}
            <h1>Lập cuộc bầu cử</h1>
            <form method="post" action="/elections" class="box">
            <p><label>Tên (in trên phiếu)<br><input name="title" size="70" required autofocus></label></p>
            <p><label>Bầu <select name="body">{{#bodies}}<option value="{{value}}">{{name}}</option>{{/bodies}}</select></label>
            <label>Số lượng cần bầu <input name="seats" type="number" min="1" value="1" required></label></p>
            <p><label>Ngưỡng trúng cử: quá 1/2 <select name="threshold_base">{{#bases}}<option value="{{value}}">{{name}}</option>{{/bases}}</select></label>
            <label>Vắng mặt cả kỳ đại hội <input name="absent" type="number" min="0" value="{{absent}}"></label>
            <label>Cảnh báo số dư quá (% số lượng) <input name="surplus_cap" type="number" min="0" placeholder="30"></label></p>
            <p><button>Lập</button></p></form>
            {{> foot}}
            """,
        "desk": """
            {{> head}}
            <h1>Bàn phát phiếu</h1>
            <p>{{election}} — đã phát {{issued}} phiếu.</p>
            {{#outcome}}<div class="box" style="font-size:2em"><span class="{{#ok}}ok{{/ok}}{{^ok}}no{{/ok}}">{{words}}</span> {{name}} {{code}}</div>{{/outcome}}
            <form method="post" action="/elections/{{id}}/desk" class="box">
            <label>Quét thẻ đại biểu (hoặc gõ mã đại biểu), Enter:<br><input name="badge" size="60" autofocus autocomplete="off"></label>
            <input type="hidden" name="station" value="Bàn phát phiếu"></form>
            <p class="note">Chỉ ghi nhận đại biểu đã nhận phiếu; không ghi số sê-ri nào.</p>
            {{> foot}}
            """,
        "election": """
            {{> head}}
            <h1>{{title}}</h1>
            <p>Vòng {{round}} · {{seats}} ghế · ngưỡng: quá 1/2 {{base}} · {{status}}</p>
            {{#surplusWarning}}<p class="flash">{{.}}</p>{{/surplusWarning}}
            <div class="box"><b>Danh sách trên phiếu</b><ol>{{#candidates}}<li>{{name}} <span class="note">({{nomination}})</span></li>{{/candidates}}</ol>
            <b>Ban kiểm phiếu:</b> {{#committee}}{{role}} {{name}}; {{/committee}}
            <p>Phiếu đã in: {{printed}} · đã phát: {{issued}} · đã nhập: {{#operators}}{{name}} {{count}}; {{/operators}}</p>
            <p><a href="/elections/{{id}}/desk">Bàn phát phiếu</a>{{#canReadMinutes}} · <a href="/elections/{{id}}/minutes.pdf">Biên bản kiểm phiếu (PDF)</a>{{/canReadMinutes}}</p></div>
            {{#isDraft}}
            <form method="post" action="/elections/{{id}}/candidates" class="box"><b>Thêm ứng cử viên</b>:
            <label>mã đại biểu <input name="code" size="8"></label> hoặc <label>họ tên <input name="name" size="24"></label> <label>chức vụ, đơn vị <input name="details" size="24"></label>
            <select name="nomination" aria-label="Cách giới thiệu"><option value="nominated">được giới thiệu</option><option value="self">tự ứng cử</option></select> <button>Thêm</button></form>
            <form method="post" action="/elections/{{id}}/committee" class="box"><b>Thêm thành viên Ban kiểm phiếu</b>:
            <label>mã đại biểu <input name="code" size="8"></label> hoặc <label>họ tên <input name="name" size="24"></label>
            <select name="role" aria-label="Vai trò trong Ban kiểm phiếu"><option value="head">Trưởng ban</option><option value="member" selected>Thành viên</option><option value="secretary">Thư ký</option></select>
            <button>Thêm</button></form>
            {{/isDraft}}
            {{#canPrint}}<form method="post" action="/elections/{{id}}/ballots.pdf" class="box"><b>In phiếu bầu</b> (danh sách không đổi được nữa):
            <label><input name="count" type="number" min="1" value="{{suggested}}"> phiếu</label>,
            <select name="paper" aria-label="Khổ giấy"><option value="a5">A5</option><option value="a4">A4</option></select> <button>Tải PDF</button></form>{{/canPrint}}
            {{#canEnter}}
            <form method="post" action="/elections/{{id}}/enter" class="box" id="entry">
            <label><b>Nhập phiếu</b> (số sê-ri hoặc quét mã QR, rồi các số bị gạch, rồi lý do nếu có; Enter):<br>
            <input name="line" size="50" autofocus autocomplete="off" placeholder="K7QX2M 3 5 11"></label>
            <p class="note">Lý do: d không có dấu · t ghi thêm tên · k ký hiệu riêng · r gạch không rõ · p phiếu lạ.
            Bạn ({{user.username}}) đã nhập {{mine}} phiếu.</p></form>
            <form method="post" action="/elections/{{id}}/undo" class="inline"><button>Bỏ phiếu vừa nhập</button></form>
            <table><tr><th>Phiếu vừa nhập</th><th>Số bị gạch</th><th>Lý do</th></tr>
            {{#last}}<tr><td>{{serial}}</td><td>{{struck}}</td><td>{{marks}}</td></tr>{{/last}}</table>
            {{/canEnter}}
            {{#scans}}<div class="box"><b>Phiếu quét</b>: {{read}} tờ · máy đếm {{counted}} · trả lại {{rejected}} ·
            <a href="/elections/{{id}}/review">chờ Ban kiểm phiếu quyết định: {{waiting}}</a></div>{{/scans}}
            {{#hasDifferences}}<div class="box"><b class="no">{{differenceCount}} phiếu hai người nhập khác nhau</b> — xem lại tờ phiếu, bỏ và nhập lại:
            {{#differences}}{{serial}} {{/differences}}</div>{{/hasDifferences}}
            {{#result}}<div class="box"><b>Kết quả{{^published}} (chỉ Ban kiểm phiếu xem được cho đến khi công bố){{/published}}{{#published}} đã công bố{{/published}}</b>
            <p>Thu về {{collected}} · hợp lệ {{valid}} · không hợp lệ {{invalid}} · cần ít nhất {{needed}} phiếu</p>
            <table><tr><th>Họ và tên</th><th>Số phiếu</th><th>%</th><th></th></tr>
            {{#rows}}<tr><td>{{name}}</td><td>{{votes}}</td><td>{{percent}}</td><td>{{#elected}}<span class="ok">TRÚNG CỬ</span>{{/elected}}</td></tr>{{/rows}}</table>
            {{#canPublish}}<form method="post" action="/elections/{{id}}/publish"><button>Công bố kết quả (không thay đổi được nữa)</button></form>{{/canPublish}}
            </div>{{/result}}
            {{> foot}}
            """,
        "devices": """
            {{> head}}
            <h1>Người dùng và thiết bị</h1>
            {{#made}}<div class="box" role="status"><b>Mã của «{{name}}»</b> — chỉ hiện một lần; hãy chép ngay:
            <p><code>{{token}}</code></p><p>Dùng: <code>{{use}}</code></p></div>{{/made}}
            <h2>Người đăng nhập</h2>
            <table><tr><th scope="col">Tên đăng nhập</th><th scope="col">Họ và tên</th><th scope="col">Vai trò</th></tr>
            {{#people}}<tr><td>{{username}}</td><td>{{name}}</td><td>{{role}}</td></tr>{{/people}}</table>
            <form method="post" action="/devices/people" class="box"><b>Thêm người đăng nhập</b>:
            <label>tên đăng nhập <input name="username" autocomplete="off" required size="12"></label>
            <label>họ và tên <input name="name" size="20"></label>
            <label>vai trò <select name="role"><option value="credentials">tổ thư ký</option><option value="counting">ban kiểm phiếu</option>
            <option value="viewer">chỉ xem</option><option value="admin">quản trị</option></select></label>
            <label>mật khẩu ban đầu <input name="password" type="password" minlength="8" autocomplete="new-password" required size="14"></label>
            <button>Thêm</button></form>
            <h2>Mã cho thiết bị</h2>
            <form method="post" action="/devices" class="box"><b>Tạo mã mới</b>:
            <label>tên thiết bị <input name="name" placeholder="Cửa A" required></label>
            <label>loại <select name="role"><option value="kiosk">máy quét ở cửa</option><option value="viewer">màn hình hội trường</option></select></label>
            <button>Tạo mã</button></form>
            <table><tr><th scope="col">Thiết bị</th><th scope="col">Loại</th><th scope="col">Tạo lúc</th><th scope="col">Tình trạng</th></tr>
            {{#tokens}}<tr><td>{{name}}</td><td>{{role}}</td><td>{{createdAt}}</td>
            <td>{{#revokedAt}}thu hồi lúc {{.}}{{/revokedAt}}{{^revokedAt}}đang dùng
            <form class="inline" method="post" action="/devices/{{id}}/revoke"><button aria-label="Thu hồi mã của {{name}}">Thu hồi</button></form>{{/revokedAt}}</td></tr>{{/tokens}}</table>
            {{> foot}}
            """,
        "review": """
            {{> head}}
            <h1>Xem phiếu quét — {{election}}</h1>
            <p>Chờ quyết định: <b>{{waiting}}</b> · máy đã đếm: {{counted}} · Ban kiểm phiếu đã quyết định: {{decided}}
            · <a href="/elections/{{id}}">Về cuộc bầu cử</a></p>
            {{#sheet}}
            <div class="box" id="sheet"><b>Phiếu {{serial}}</b> <span class="note">({{file}}, trang {{page}})</span>
            <ul>{{#reasons}}<li class="no">{{.}}</li>{{/reasons}}</ul>
            {{#flaggedLines}}<p><b>Dòng {{number}}: {{name}}</b> — máy đọc: {{machine}}<br><span class="crop" style="display:block;border:2px solid #b71c1c;{{crop}}"></span></p>{{/flaggedLines}}
            <form method="post" action="/elections/{{id}}/review/{{sheetID}}" class="box" id="decision">
            <label><b>Số bị gạch</b>, rồi lý do nếu có; Enter để xác nhận:<br>
            <input name="line" size="40" value="{{prefill}}" autofocus autocomplete="off" placeholder="2 5"></label>
            <p class="note">Để trống nếu không gạch ai. Lý do: d không có dấu · t ghi thêm tên · k ký hiệu riêng · r gạch không rõ · p phiếu lạ.</p>
            </form>
            <table><tr><th>STT</th><th>Họ và tên</th><th>Máy đọc</th></tr>
            {{#lines}}<tr{{#flagged}} class="flagged"{{/flagged}}><td>{{number}}</td><td>{{#struck}}<s>{{name}}</s>{{/struck}}{{^struck}}{{name}}{{/struck}}</td>
            <td>{{#flagged}}<b class="no">{{machine}}</b>{{/flagged}}{{^flagged}}{{machine}}{{/flagged}}</td></tr>{{/lines}}</table>
            {{#image}}<p><b>Cả tờ phiếu</b> (như máy quét thấy):<br><img src="{{.}}" alt="Phiếu {{serial}} như máy quét thấy" style="max-width:100%;border:1px solid #ccc"></p>{{/image}}
            </div>
            {{/sheet}}
            {{^sheet}}<p class="box ok">Không còn tờ nào chờ quyết định.</p>{{/sheet}}
            {{#hasRejected}}<div class="box"><b>Tờ bị trả lại</b> (đưa lại Ban kiểm phiếu xem tờ giấy và nhập tay):
            <ul>{{#rejected}}<li>{{file}}, trang {{page}}: {{reason}}</li>{{/rejected}}</ul></div>{{/hasRejected}}
            {{> foot}}
            """,
        "login": """
            {{> head}}
            <h1>Đăng nhập</h1>
            <form method="post" action="/login" class="box">
            <p><label>Tên đăng nhập<br><input name="username" autocomplete="username" required autofocus></label></p>
            <p><label>Mật khẩu<br><input name="password" type="password" autocomplete="current-password" required></label></p>
            <p><button>Đăng nhập</button></p></form>
            {{> foot}}
            """,
        "delegates": """
            {{> head}}
            <h1>Đại biểu</h1>
            <form method="get" action="/delegates" role="search"><label>Tìm đại biểu <input name="q" value="{{query}}" placeholder="Tìm tên, mã, đoàn — không cần dấu" size="40" autofocus></label>
            <button>Tìm</button></form>
            <p class="note">{{count}} đại biểu{{#sitting}} — phiên đang mở: {{.}}{{/sitting}}</p>
            {{#canImport}}<p><a href="/delegates/import">Nhập danh sách (.xlsx, .csv)</a> · <a href="/badges">In thẻ đại biểu</a></p>{{/canImport}}
            <table><tr><th>Mã</th><th>Họ và tên</th><th>Đoàn</th><th>Loại</th><th>Có mặt</th></tr>
            {{#delegates}}<tr><td>{{code}}</td><td><a href="/delegates/{{code}}">{{name}}</a></td><td>{{delegation}}</td><td>{{kind}}</td>
            <td>{{#present}}<span class="ok">✔</span>{{/present}}</td></tr>{{/delegates}}</table>
            {{#paging}}{{> paging}}{{/paging}}
            {{> foot}}
            """,
        "delegate": """
            {{> head}}
            <h1>{{name}} <small class="note">{{code}}</small></h1>
            <div class="box"><p>{{delegation}} — {{kind}}{{#seat}} — ghế {{.}}{{/seat}}</p>
            <p>{{#counts}}<span class="ok">Được tính vào túc số</span>{{/counts}}{{^counts}}<span class="no">Không tính vào túc số</span>{{/counts}}
            {{#replacedBy}} — đã được thay bởi <a href="/delegates/{{code}}">{{name}} ({{code}})</a>{{/replacedBy}}
            {{#replacing}} — thay cho <a href="/delegates/{{code}}">{{name}} ({{code}})</a>{{/replacing}}</p>
            <p>Thẻ số {{serial}} — <a href="/delegates/{{code}}/badge.png">tải thẻ (PNG)</a></p></div>
            <h2>Điểm danh</h2>
            <table><tr><th>Phiên</th><th>Lúc</th><th>Cách</th><th>Cửa</th><th>Lý do</th></tr>
            {{#attendance}}<tr><td>{{sitting}}</td><td>{{at}}</td><td>{{kind}}</td><td>{{station}}</td><td>{{reason}}</td></tr>{{/attendance}}</table>
            <h2>Các lần quét thẻ</h2>
            <table><tr><th>Lúc</th><th>Cửa</th><th>Kết quả</th></tr>
            {{#scans}}<tr{{#duplicate}} class="duplicate"{{/duplicate}}><td>{{at}}</td><td>{{station}}</td><td>{{verdict}}{{#duplicate}} — <b>⚠ quét trùng</b> (đã vào trước đó){{/duplicate}}</td></tr>{{/scans}}</table>
            {{#hasAbsences}}<h2>Vắng mặt có lý do</h2>
            <table><tr><th>Phiên</th><th>Lý do</th><th>Ghi lúc</th><th>Người ghi</th></tr>
            {{#absences}}<tr><td>{{scope}}</td><td>{{reason}}</td><td>{{at}}</td><td>{{actor}}</td></tr>{{/absences}}</table>{{/hasAbsences}}
            {{#canAbsent}}<form method="post" action="/delegates/{{code}}/absence" class="box">
            <b>Ghi vắng có lý do</b> (phiên đang mở): <label>lý do <input name="reason" placeholder="Ốm, có đơn xin phép" size="24" required></label>
            <label><input type="checkbox" name="whole" value="1"> vắng cả đại hội</label> <button>Ghi</button></form>{{/canAbsent}}
            {{#canAdmit}}<form method="post" action="/delegates/{{code}}/admit" class="box">
            <b>Điểm danh thủ công</b> (quên thẻ): <label>cửa <input name="station" value="Bàn thư ký" size="12"></label>
            <label>lý do <input name="reason" value="Quên thẻ" size="20" required></label> <button>Điểm danh</button></form>{{/canAdmit}}
            {{#canReissue}}<form method="post" action="/delegates/{{code}}/reissue" class="box">
            <b>Cấp lại thẻ</b> (thẻ cũ bị từ chối ngay): <label>lý do <input name="reason" value="Mất thẻ" size="20" required></label>
            <button>Cấp lại</button></form>{{/canReissue}}
            {{#canSubstitute}}<form method="post" action="/substitutions" class="box"><b>Thay thế</b>: <label>{{code}} thay cho mã
            <input name="replaced" size="8" required></label> <label>theo quyết định <input name="decision" size="30" required></label>
            <input type="hidden" name="alternate" value="{{code}}"><button>Ghi nhận</button></form>{{/canSubstitute}}
            {{> foot}}
            """,
        "import": """
            {{> head}}
            <h1>Nhập danh sách đại biểu</h1>
            {{#refusal}}<div class="box refusal" role="alert"><b>Chưa nhập:</b> {{.}}</div>{{/refusal}}
            {{#errorSource}}<h2 id="errors">{{errorCount}} lỗi trong {{.}} — chưa nhập gì</h2>
            <p>Hãy sửa các ô dưới đây trong tệp rồi tải lên lại. Số dòng và chữ cột như Excel hiển thị.</p>
            <table aria-describedby="errors"><tr><th scope="col">Tệp</th><th scope="col">Dòng</th><th scope="col">Cột</th><th scope="col">Tiêu đề cột</th><th scope="col">Sai gì</th><th scope="col">Cần ghi</th></tr>
            {{#errors}}<tr><td>{{file}}</td><td>{{row}}</td><td>{{column}}</td><td>{{header}}</td><td>{{wrong}}</td><td>{{right}}</td></tr>{{/errors}}</table>{{/errorSource}}
            {{#warnings}}<p class="note">⚠ {{.}}</p>{{/warnings}}
            {{#preview}}<h2 id="preview">Xem trước: {{source}}, {{total}} đại biểu</h2>
            {{#nothing}}<p role="status">Danh sách không có gì thay đổi; không cần nhập.</p>{{/nothing}}
            {{^nothing}}<p role="status">Nếu xác nhận: thêm <b>{{added}}</b>, sửa <b>{{changed}}</b>, xoá <b>{{removed}}</b>, giữ nguyên {{unchanged}}. Chưa có gì thay đổi.</p>
            {{#id}}<form method="post" action="/delegates/import/confirm" class="box"><input type="hidden" name="preview" value="{{.}}">
            {{#removesMost}}<p class="no">Danh sách mới xoá {{removed}} trong số {{previousCount}} đại biểu hiện có — có thể là tệp chưa đầy đủ.</p>
            <p><label><input type="checkbox" name="replace_all" value="1" required> Tôi muốn thay cả danh sách (xoá {{removed}} đại biểu)</label></p>{{/removesMost}}
            <button>Xác nhận nhập {{total}} đại biểu</button> <a href="/delegates/import">Huỷ</a></form>{{/id}}
            {{#added}}<h3>Thêm</h3><table><tr><th scope="col">Mã</th><th scope="col">Họ và tên</th><th scope="col">Đoàn</th><th scope="col">Loại</th></tr>
            {{#addedRows}}<tr><td>{{code}}</td><td>{{name}}</td><td>{{delegation}}</td><td>{{kind}}</td></tr>{{/addedRows}}</table>{{/added}}
            {{#changed}}<h3>Sửa</h3><table><tr><th scope="col">Mã</th><th scope="col">Họ và tên</th><th scope="col">Thay đổi</th></tr>
            {{#changedRows}}<tr><td>{{code}}</td><td>{{name}}</td><td>{{#fields}}{{header}}: <del>{{before}}</del> → <ins>{{after}}</ins><br>{{/fields}}</td></tr>{{/changedRows}}</table>{{/changed}}
            {{#removed}}<h3>Xoá</h3><table><tr><th scope="col">Mã</th><th scope="col">Họ và tên</th><th scope="col">Đoàn</th><th scope="col">Loại</th></tr>
            {{#removedRows}}<tr><td>{{code}}</td><td>{{name}}</td><td>{{delegation}}</td><td>{{kind}}</td></tr>{{/removedRows}}</table>{{/removed}}
            {{#more}}<p class="note">{{.}}</p>{{/more}}{{/nothing}}{{/preview}}
            <form method="post" action="/delegates/import" enctype="multipart/form-data" class="box">
            <p><label>Tệp danh sách (.xlsx, hoặc .csv UTF-8; tối đa {{limit}}) <input type="file" name="file" accept=".xlsx,.csv" required></label></p>
            <p class="note">Dòng đầu là tiêu đề; cột bắt buộc: Mã đại biểu, Họ và tên, Giới tính, Đoàn đại biểu, Loại đại biểu.
            Tệp mẫu: danh sách hiện có <a href="/reports/danh-sach-dai-bieu.xlsx">XLSX</a> · <a href="/reports/danh-sach-dai-bieu.csv">CSV</a>.
            Tải lên chỉ để xem trước; danh sách chỉ thay đổi khi bấm Xác nhận.</p>
            <button>Xem trước</button></form>
            {{> foot}}
            """,
        "badges": """
            {{> head}}
            <h1>In thẻ đại biểu</h1>
            {{#refusal}}<div class="box refusal" role="alert"><b>Chưa in:</b> {{.}}</div>{{/refusal}}
            <p>{{total}} đại biểu{{#unsigned}} — <span class="no">{{.}} thẻ chưa ký</span> (chạy <code>congress credentials</code> trên máy giữ khoá ký){{/unsigned}}.
            Mỗi lần in là một tệp PDF: tờ A4 có 8 thẻ 90×54 mm và dấu cắt, hoặc thẻ CR80 mỗi trang một thẻ.</p>
            <form method="get" action="/badges/print" class="box"><b>Tất cả</b> <input type="hidden" name="scope" value="all">
            {{> badge-options}} <button>Tải PDF tất cả thẻ</button></form>
            <form method="get" action="/badges/print" class="box"><b>Một đoàn</b> <input type="hidden" name="scope" value="delegation">
            <label>đoàn <select name="delegation">{{#delegations}}<option value="{{name}}">{{name}} ({{count}})</option>{{/delegations}}</select></label>
            {{> badge-options}} <button>Tải PDF của đoàn</button></form>
            <form method="get" action="/badges/print" class="box"><b>Đại biểu được chọn</b> <input type="hidden" name="scope" value="codes">
            <label>mã đại biểu <input name="codes" placeholder="DB0001, DB0015" size="30" required></label>
            {{> badge-options}} <label>dạng <select name="format"><option value="pdf">PDF</option><option value="png">PNG (một thẻ)</option></select></label>
            <button>Tải</button></form>
            <form method="get" action="/badges/print" class="box"><b>In lại thẻ cấp lại</b> <input type="hidden" name="scope" value="reissued">
            <label>cấp lại từ <input type="datetime-local" name="since" value="{{since}}" required></label> <span class="note">(giờ {{zone}})</span>
            {{> badge-options}} <button>Tải PDF thẻ cấp lại</button></form>
            <h2>Thẻ đã cấp lại</h2>
            <table><tr><th scope="col">Mã</th><th scope="col">Họ và tên</th><th scope="col">Thẻ số</th><th scope="col">Cấp lại lúc</th></tr>
            {{#reissued}}<tr><td>{{code}}</td><td><a href="/delegates/{{code}}">{{name}}</a></td><td>{{serial}}</td><td>{{at}}</td></tr>{{/reissued}}</table>
            {{^reissued}}<p class="note">Chưa có thẻ nào được cấp lại.</p>{{/reissued}}
            {{> foot}}
            """,
        "badge-options": """
            <label>khổ <select name="layout"><option value="a4">tờ A4, 8 thẻ</option><option value="card">thẻ CR80</option></select></label>
            <label>thứ tự <select name="sort"><option value="delegation">theo đoàn</option><option value="code">theo mã</option></select></label>
            """,
        "sittings": """
            {{> head}}
            <h1>Phiên họp</h1>
            {{#canManage}}<div class="box">{{#open}}Đang mở: <b>{{name}}</b> (từ {{openedAt}})
            <form class="inline" method="post" action="/sittings/quorum"><input type="hidden" name="reason" value="Đoàn Chủ tịch yêu cầu"><button>Ghi túc số lúc này</button></form>
            <form class="inline" method="post" action="/sittings/close"><button>Đóng phiên</button></form>{{/open}}
            {{^open}}<form method="post" action="/sittings/open"><label>Mở phiên <input name="name" placeholder="Phiên trù bị" required></label><button>Mở</button></form>{{/open}}</div>{{/canManage}}
            <table><tr><th>Phiên</th><th>Mở</th><th>Đóng</th><th>Túc số đã ghi</th></tr>
            {{#sittings}}<tr><td>{{name}}</td><td>{{openedAt}}</td><td>{{closedAt}}</td>
            <td>{{#records}}{{at}}: {{present}}/{{convened}} {{#holds}}<span class="ok">ĐỦ</span>{{/holds}}{{^holds}}<span class="no">CHƯA ĐỦ</span>{{/holds}} ({{reason}})<br>{{/records}}</td></tr>{{/sittings}}</table>
            {{> foot}}
            """,
    ]
}
