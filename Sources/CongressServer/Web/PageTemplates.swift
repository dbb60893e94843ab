/// The web pages' mustache templates (swift-mustache). Kept in the source so that the
/// binary carries them: a hall laptop has the program and nothing else. Every phrase a
/// person reads is in `{{#t}}…{{/t}}`: said in the page's language from the `Catalogue`
/// (the test fails on a phrase it lacks). Data (names, codes, times) is never translated.
/// A phrase is never put inside an inverted section of a list (`{{^rows}}`): mustache pushes
/// the empty list, and a lambda's text renders against it as nothing. Use a Bool there.
extension Templates {
    static let sources: [String: String] = [
        "head": """
            <!doctype html><html lang="{{lang}}"><head><meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1"><title>{{title}} — congress</title>
            <link rel="stylesheet" href="/congress.css"><link rel="icon" href="/favicon.svg" type="image/svg+xml"><script src="/congress.js" defer></script></head><body>
            <nav aria-label="{{#t}}Các trang chính{{/t}}"><a href="/delegates">{{#t}}Đại biểu{{/t}}</a><a href="/sittings">{{#t}}Phiên họp{{/t}}</a><a href="/elections">{{#t}}Bầu cử{{/t}}</a><a href="/reports">{{#t}}Báo cáo{{/t}}</a><a href="/board">{{#t}}Màn hình hội trường{{/t}}</a>{{#user}}<a href="/devices">{{#t}}Thiết bị{{/t}}</a>{{/user}}
            <a class="language" href="/language/{{switchTo.code}}" lang="{{switchTo.code}}">{{switchTo.name}}</a>
            {{#user}}<span class="who">{{name}} ({{role}})</span>
            <form class="inline" method="post" action="/logout"><button>{{#t}}Đăng xuất{{/t}}</button></form>{{/user}}</nav><main>
            {{#flash}}<p class="flash" role="status">{{.}}</p>{{/flash}}
            """,
        "foot": "</main></body></html>",
        "paging": """
            <nav class="paging" aria-label="{{#t}}Các trang của danh sách{{/t}}">{{#previous}}<a href="{{href}}">{{words}}</a> {{/previous}}<span>{{words}}</span>{{#next}} <a href="{{href}}">{{words}}</a>{{/next}}</nav>
            """,
        "board": BoardPage.template,
        "error": """
            {{> head}}
            <h1>{{title}}</h1>
            <div class="box refusal" role="alert"><p>{{message}}</p></div>
            <p>{{#signIn}}<a href="/login">{{#t}}Đăng nhập{{/t}}</a> · {{/signIn}}<a href="/delegates">{{#t}}Về danh sách đại biểu{{/t}}</a></p>
            {{> foot}}
            """,
        "elections": """
            {{> head}}
            <h1>{{#t}}Bầu cử{{/t}}</h1>
            <table><tr><th scope="col">{{#t}}Số{{/t}}</th><th scope="col">{{#t}}Cuộc bầu cử{{/t}}</th><th scope="col">{{#t}}Vòng{{/t}}</th><th scope="col">{{#t}}Số lượng{{/t}}</th><th scope="col">{{#t}}Tình trạng{{/t}}</th></tr>
            {{#elections}}<tr><td>{{id}}</td><td><a href="/elections/{{id}}">{{title}}</a></td><td>{{round}}</td><td>{{seats}}</td><td>{{status}}</td></tr>{{/elections}}</table>
            <p><a href="/elections/new">{{#t}}Lập cuộc bầu cử mới{{/t}}</a></p>
            {{> foot}}
            """,
        "reports": """
            {{> head}}
            <h1>{{#t}}Báo cáo{{/t}}</h1>
            <div class="box">{{#t}}<b>Thẩm tra tư cách đại biểu</b> — triệu tập {{convened}}, có mặt {{present}} ({{percent}}%){{/t}}{{#sitting}}, {{#t}}phiên{{/t}} {{.}}{{/sitting}}:
            <a href="/reports/tham-tra-tu-cach.pdf">PDF</a> · <a href="/reports/tham-tra-tu-cach.json">JSON</a></div>
            <div class="box">{{#t}}<b>Điểm danh phiên họp</b> (có mặt, vắng mặt theo đoàn):{{/t}}
            <a href="/reports/diem-danh.pdf">PDF</a> · <a href="/reports/diem-danh.csv">CSV</a> · <a href="/reports/diem-danh.xlsx">XLSX</a></div>
            <div class="box">{{#t}}<b>Danh sách đại biểu</b> (nhập lại được):{{/t}} <a href="/reports/danh-sach-dai-bieu.csv">CSV</a> ·
            <a href="/reports/danh-sach-dai-bieu.xlsx">XLSX</a></div>
            <div class="box">{{#t}}<b>Kết quả bầu cử đã công bố</b> (hồ sơ công nhận gửi cấp trên){{/t}}
            <ul>{{#elections}}<li>{{title}}: {{#t}}biên bản kiểm phiếu{{/t}} <a href="/reports/elections/{{id}}/bien-ban.pdf">PDF</a> <a href="/reports/elections/{{id}}/bien-ban.xlsx">XLSX</a> ·
            {{#t}}trích ngang{{/t}} <a href="/reports/elections/{{id}}/trich-ngang.pdf">PDF</a> <a href="/reports/elections/{{id}}/trich-ngang.xlsx">XLSX</a></li>{{/elections}}</ul></div>
            <p class="note">{{#t}}Các văn bản chính thức (biên bản, báo cáo thẩm tra, phiếu bầu, thẻ) luôn in bằng tiếng Việt.{{/t}}</p>
            {{> foot}}
            """,
        "election-new": """
            {{> head}}
            <h1>{{#t}}Lập cuộc bầu cử{{/t}}</h1>
            {{#hasErrors}}<p class="flash" role="alert">{{#t}}Chưa lập: hãy sửa các trường được đánh dấu bên dưới.{{/t}}</p>{{/hasErrors}}
            <form method="post" action="/elections" class="box" novalidate>
            <p><label>{{#t}}Tên (in trên phiếu){{/t}}<br><input name="title" size="70" required autofocus value="{{name}}"{{#nameError}} aria-invalid="true" aria-describedby="title-error"{{/nameError}}></label>
            {{#nameError}}<br><span class="no" id="title-error">{{.}}</span>{{/nameError}}</p>
            <p><label>{{#t}}Bầu vào{{/t}} <select name="body"{{#bodyError}} aria-invalid="true" aria-describedby="body-error"{{/bodyError}}>{{#bodies}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{name}}</option>{{/bodies}}</select></label>
            {{#bodyError}}<span class="no" id="body-error">{{.}}</span>{{/bodyError}}
            <label>{{#t}}Số lượng cần bầu{{/t}} <input name="seats" type="number" min="1" value="{{seats}}" required{{#seatsError}} aria-invalid="true" aria-describedby="seats-error"{{/seatsError}}></label>
            {{#seatsError}}<span class="no" id="seats-error">{{.}}</span>{{/seatsError}}</p>
            <p><label>{{#t}}Ngưỡng trúng cử: quá 1/2{{/t}} <select name="threshold_base"{{#baseError}} aria-invalid="true" aria-describedby="base-error"{{/baseError}}>{{#bases}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{name}}</option>{{/bases}}</select></label>
            {{#baseError}}<span class="no" id="base-error">{{.}}</span>{{/baseError}}
            <label>{{#t}}Vắng mặt cả kỳ đại hội{{/t}} <input name="absent" type="number" min="0" value="{{absent}}"{{#absentError}} aria-invalid="true" aria-describedby="absent-error"{{/absentError}}></label>
            {{#absentError}}<span class="no" id="absent-error">{{.}}</span>{{/absentError}}
            <label>{{#t}}Cảnh báo số dư quá (% số lượng){{/t}} <input name="surplus_cap" type="number" min="0" placeholder="30" value="{{surplusCap}}"{{#surplusCapError}} aria-invalid="true" aria-describedby="surplus-error"{{/surplusCapError}}></label>
            {{#surplusCapError}}<span class="no" id="surplus-error">{{.}}</span>{{/surplusCapError}}</p>
            <p><label><input type="checkbox" name="single_entry" value="yes"{{#singleEntry}} checked{{/singleEntry}}> {{#t}}Nhập phiếu một lần (mặc định: mỗi phiếu nhập hai lần bởi hai nguồn độc lập — hai người, hoặc máy quét và một người — và phải khớp){{/t}}</label></p>
            <p><button>{{#t}}Lập{{/t}}</button></p></form>
            {{> foot}}
            """,
        "desk": """
            {{> head}}
            <h1>{{#t}}Bàn phát phiếu{{/t}}</h1>
            <p>{{election}} — {{#t}}đã phát {{issued}} phiếu.{{/t}}</p>
            {{#outcome}}<div class="box big"><span class="{{#ok}}ok{{/ok}}{{^ok}}no{{/ok}}">{{words}}</span> {{name}} {{code}}</div>{{/outcome}}
            <form method="post" action="/elections/{{id}}/desk" class="box">
            <label>{{#t}}Quét thẻ đại biểu (hoặc gõ mã đại biểu), Enter:{{/t}}<br><input name="badge" size="60" autofocus autocomplete="off"></label>
            <input type="hidden" name="station" value="Bàn phát phiếu"></form>
            <p class="note">{{#t}}Chỉ ghi nhận đại biểu đã nhận phiếu; không ghi số sê-ri nào.{{/t}}</p>
            {{> foot}}
            """,
        "election": """
            {{> head}}
            <h1>{{title}}</h1>
            <p>{{#t}}Vòng {{round}} · {{seats}} ghế · ngưỡng: quá 1/2 {{base}}{{/t}} · {{status}}</p>
            {{#surplusWarning}}<p class="flash">{{.}}</p>{{/surplusWarning}}
            <div class="box"><b>{{#t}}Danh sách trên phiếu{{/t}}</b><ol>{{#candidates}}<li>{{name}} <span class="note">({{nomination}})</span>{{#canWithdraw}}
            <form class="inline" method="post" action="/elections/{{id}}/candidates/{{candidateID}}/withdraw"><label>{{#t}}lý do{{/t}} <input name="reason" size="16"></label>
            <button aria-label="{{#t}}Rút tên {{name}}{{/t}}">{{#t}}Rút tên{{/t}}</button></form>{{/canWithdraw}}</li>{{/candidates}}</ol>
            <b>{{#t}}Ban kiểm phiếu:{{/t}}</b> {{#committee}}{{role}} {{name}}; {{/committee}}
            <p>{{#t}}Phiếu đã in: {{printed}} · đã phát: {{issued}} · đã nhập:{{/t}} {{#operators}}{{name}} {{count}}; {{/operators}}</p>
            <p class="note">{{entryMode}}</p>
            <p><a href="/elections/{{id}}/desk">{{#t}}Bàn phát phiếu{{/t}}</a>{{#canReadMinutes}} · <a href="/elections/{{id}}/minutes.pdf">{{#t}}Biên bản kiểm phiếu (PDF){{/t}}</a>{{/canReadMinutes}}</p></div>
            {{#isDraft}}
            <form method="post" action="/elections/{{id}}/candidates" class="box" id="candidate"><b>{{#t}}Thêm ứng cử viên{{/t}}</b>:
            {{#candidateError}}<p class="no" role="alert" id="candidate-error">{{.}}</p>{{/candidateError}}
            <label>{{#t}}mã đại biểu{{/t}} <input name="code" size="8" value="{{#candidateError}}{{typedCode}}{{/candidateError}}"{{#candidateError}} aria-invalid="true" aria-describedby="candidate-error"{{/candidateError}}></label> {{#t}}hoặc{{/t}} <label>{{#t}}họ tên{{/t}} <input name="name" size="24" value="{{#candidateError}}{{typedName}}{{/candidateError}}"{{#candidateError}} aria-invalid="true" aria-describedby="candidate-error"{{/candidateError}}></label> <label>{{#t}}chức vụ, đơn vị{{/t}} <input name="details" size="24" value="{{#candidateError}}{{typedDetails}}{{/candidateError}}"></label>
            <select name="nomination" aria-label="{{#t}}Cách giới thiệu{{/t}}"><option value="nominated">{{#t}}được giới thiệu{{/t}}</option><option value="self">{{#t}}tự ứng cử{{/t}}</option></select> <button>{{#t}}Thêm{{/t}}</button></form>
            <form method="post" action="/elections/{{id}}/committee" class="box" id="committee"><b>{{#t}}Thêm thành viên Ban kiểm phiếu{{/t}}</b>:
            {{#committeeError}}<p class="no" role="alert" id="committee-error">{{.}}</p>{{/committeeError}}
            <label>{{#t}}mã đại biểu{{/t}} <input name="code" size="8" value="{{#committeeError}}{{typedCode}}{{/committeeError}}"{{#committeeError}} aria-invalid="true" aria-describedby="committee-error"{{/committeeError}}></label> {{#t}}hoặc{{/t}} <label>{{#t}}họ tên{{/t}} <input name="name" size="24" value="{{#committeeError}}{{typedName}}{{/committeeError}}"{{#committeeError}} aria-invalid="true" aria-describedby="committee-error"{{/committeeError}}></label>
            <select name="role" aria-label="{{#t}}Vai trò trong Ban kiểm phiếu{{/t}}"><option value="head">{{#t}}Trưởng ban{{/t}}</option><option value="member" selected>{{#t}}Thành viên{{/t}}</option><option value="secretary">{{#t}}Thư ký{{/t}}</option></select>
            <button>{{#t}}Thêm{{/t}}</button></form>
            {{/isDraft}}
            {{#canPrint}}<form method="post" action="/elections/{{id}}/ballots.pdf" class="box"><b>{{#t}}In phiếu bầu{{/t}}</b> {{#t}}(danh sách không đổi được nữa):{{/t}}
            <label><input name="count" type="number" min="1" value="{{suggested}}"> {{#t}}phiếu{{/t}}</label>,
            {{^printedPaper}}<select name="paper" aria-label="{{#t}}Khổ giấy{{/t}}"><option value="a5">A5</option><option value="a4">A4</option></select>{{/printedPaper}}{{#printedPaper}}{{#t}}Khổ giấy{{/t}} {{.}}{{/printedPaper}} <button>{{#t}}Tải PDF{{/t}}</button></form>{{/canPrint}}
            {{#canEnter}}
            <form method="post" action="/elections/{{id}}/enter" class="box" id="entry">
            <label>{{#t}}<b>Nhập phiếu</b> (số sê-ri hoặc quét mã QR, rồi các số bị gạch, rồi lý do nếu có; Enter):{{/t}}<br>
            <input name="line" size="50" autofocus autocomplete="off" placeholder="K7QX2M 3 5 11"></label>
            <p class="note">{{#t}}Lý do: d không có dấu · t ghi thêm tên · k ký hiệu riêng · r gạch không rõ · p phiếu lạ.{{/t}}
            {{#t}}Bạn ({{user.username}}) đã nhập {{mine}} phiếu.{{/t}}</p></form>
            <form method="post" action="/elections/{{id}}/undo" class="inline"><button>{{#t}}Bỏ phiếu vừa nhập{{/t}}</button></form>
            <form method="post" action="/elections/{{id}}/correct" class="box" id="correct">
            <label>{{#t}}<b>Sửa một phiếu đã nhập</b>, ở bất kỳ đâu trong chồng phiếu (số sê-ri, rồi các số bị gạch đúng, rồi lý do nếu có):{{/t}}<br>
            <input name="line" size="50" autocomplete="off" placeholder="K7QX2M 2 5"></label> <button>{{#t}}Sửa phiếu{{/t}}</button></form>
            <table><tr><th scope="col">{{#t}}Phiếu vừa nhập{{/t}}</th><th scope="col">{{#t}}Số bị gạch{{/t}}</th><th scope="col">{{#t}}Lý do{{/t}}</th></tr>
            {{#last}}<tr><td>{{serial}}</td><td>{{struck}}</td><td>{{marks}}</td></tr>{{/last}}</table>
            {{/canEnter}}
            {{#scans}}<div class="box" id="scans" data-follow="/elections/{{id}}/scans.json" aria-live="polite">{{#t}}<b>Phiếu quét</b>: <span data-field="read">{{read}}</span> tờ · máy đếm <span data-field="counted">{{counted}}</span> · trả lại <span data-field="rejected">{{rejected}}</span> ·{{/t}}
            <a href="/elections/{{id}}/review">{{#t}}chờ Ban kiểm phiếu quyết định: <span data-field="waiting">{{waiting}}</span>{{/t}}</a></div>{{/scans}}
            {{#hasDifferences}}<div class="box">{{#t}}<b class="no">{{differenceCount}} phiếu hai người nhập khác nhau</b> — xem lại tờ phiếu, rồi sửa phiếu nhập sai:{{/t}}
            {{#differences}}{{serial}} {{/differences}}</div>{{/hasDifferences}}
            {{#result}}<div class="box"><b>{{#t}}Kết quả{{/t}}{{^published}} {{#t}}(chỉ Ban kiểm phiếu xem được cho đến khi công bố){{/t}}{{/published}}{{#published}} {{#t}}đã công bố{{/t}}{{/published}}</b>
            <p>{{#t}}Thu về {{collected}} · hợp lệ {{valid}} · không hợp lệ {{invalid}} · cần ít nhất {{needed}} phiếu{{/t}}</p>
            <table><tr><th scope="col">{{#t}}Họ và tên{{/t}}</th><th scope="col">{{#t}}Số phiếu{{/t}}</th><th scope="col">%</th><th scope="col">{{#t}}Kết quả{{/t}}</th></tr>
            {{#rows}}<tr><td>{{name}}</td><td>{{votes}}</td><td>{{percent}}</td><td>{{#elected}}<span class="ok">{{#t}}TRÚNG CỬ{{/t}}</span>{{/elected}}</td></tr>{{/rows}}</table>
            {{#canPublish}}<form method="post" action="/elections/{{id}}/publish"><button>{{#t}}Công bố kết quả (không thay đổi được nữa){{/t}}</button></form>{{/canPublish}}
            {{#nextRound}}<form method="post" action="/elections/{{id}}/next-round" class="box" id="next-round"><p class="no">{{#t}}Chưa bầu đủ số lượng: theo quy định, Đoàn Chủ tịch xin ý kiến đại hội về vòng sau.{{/t}}</p>
            <button>{{#t}}Lập vòng sau:{{/t}} {{.}}</button></form>{{/nextRound}}
            {{#nextRoundID}}<p><a href="/elections/{{.}}">{{#t}}Vòng sau của cuộc bầu cử này{{/t}}</a></p>{{/nextRoundID}}
            </div>{{/result}}
            {{> foot}}
            """,
        "publish": """
            {{> head}}
            <h1>{{#t}}Công bố kết quả{{/t}} — {{title}}</h1>
            <div class="box"><p>{{#t}}Thu về {{collected}} · hợp lệ {{valid}} · không hợp lệ {{invalid}}{{/t}}</p>
            <p><b>{{#t}}Trúng cử:{{/t}}</b> {{#elected}}{{.}}; {{/elected}}{{#nobody}}{{#t}}không ai{{/t}}{{/nobody}}</p>
            {{#unfilled}}<p class="no">{{.}}</p>{{/unfilled}}
            <p class="no">{{#t}}Khi công bố, kết quả lên màn hình hội trường và biên bản kiểm phiếu khoá lại: không sửa, không rút lại được.{{/t}}</p>
            <form method="post" action="/elections/{{id}}/publish"><input type="hidden" name="confirm" value="yes"><input type="hidden" name="count" value="{{fingerprint}}"><button>{{#t}}Xác nhận công bố{{/t}}</button></form>
            <p><a href="/elections/{{id}}">{{#t}}Chưa công bố, quay lại{{/t}}</a></p></div>
            {{> foot}}
            """,
        "devices": """
            {{> head}}
            <h1>{{#t}}Người dùng và thiết bị{{/t}}</h1>
            {{#made}}<div class="box" role="status">{{#t}}<b>Mã của «{{name}}»</b> — chỉ hiện một lần; hãy chép ngay:{{/t}}
            <p><code>{{token}}</code></p><p>{{#t}}Dùng:{{/t}} <code>{{use}}</code></p></div>{{/made}}
            <h2>{{#t}}Người đăng nhập{{/t}}</h2>
            <table><tr><th scope="col">{{#t}}Tên đăng nhập{{/t}}</th><th scope="col">{{#t}}Họ và tên{{/t}}</th><th scope="col">{{#t}}Vai trò{{/t}}</th><th scope="col">{{#t}}Mật khẩu, tài khoản{{/t}}</th></tr>
            {{#people}}<tr><td>{{username}}</td><td>{{name}}</td><td>{{role}}</td>
            <td>{{#lockedAt}}<p class="no">{{#t}}Bị khoá từ {{lockedAt}} vì nhập sai mật khẩu quá nhiều lần.{{/t}}</p>
            <form class="inline" method="post" action="/devices/people/{{username}}/unlock"><button aria-label="{{#t}}Mở khoá {{username}}{{/t}}">{{#t}}Mở khoá{{/t}}</button></form>{{/lockedAt}}
            <form class="inline" method="post" action="/devices/people/{{username}}/password"><label>{{#t}}mật khẩu mới cho {{username}}{{/t}}
            <input name="password" type="password" minlength="8" autocomplete="new-password" required size="12"></label> <button>{{#t}}Đặt{{/t}}</button></form>
            {{^isYou}}<form class="inline" method="post" action="/devices/people/{{username}}/disable"><button aria-label="{{#t}}Vô hiệu hoá {{username}}{{/t}}">{{#t}}Vô hiệu hoá{{/t}}</button></form>{{/isYou}}</td></tr>{{/people}}</table>
            <form method="post" action="/devices/people" class="box"><b>{{#t}}Thêm người đăng nhập{{/t}}</b>:
            <label>{{#t}}tên đăng nhập{{/t}} <input name="username" autocomplete="off" required size="12"></label>
            <label>{{#t}}họ và tên{{/t}} <input name="name" size="20"></label>
            <label>{{#t}}vai trò{{/t}} <select name="role"><option value="credentials">{{#t}}tổ thư ký{{/t}}</option><option value="counting">{{#t}}ban kiểm phiếu{{/t}}</option>
            <option value="viewer">{{#t}}chỉ xem{{/t}}</option><option value="admin">{{#t}}quản trị{{/t}}</option></select></label>
            <label>{{#t}}mật khẩu ban đầu{{/t}} <input name="password" type="password" minlength="8" autocomplete="new-password" required size="14"></label>
            <button>{{#t}}Thêm{{/t}}</button></form>
            <h2>{{#t}}Mã cho thiết bị{{/t}}</h2>
            <form method="post" action="/devices" class="box"><b>{{#t}}Tạo mã mới{{/t}}</b>:
            <label>{{#t}}tên thiết bị{{/t}} <input name="name" placeholder="{{#t}}Cửa A{{/t}}" required></label>
            <label>{{#t}}loại{{/t}} <select name="role"><option value="kiosk">{{#t}}máy quét ở cửa{{/t}}</option><option value="viewer">{{#t}}màn hình hội trường{{/t}}</option></select></label>
            <button>{{#t}}Tạo mã{{/t}}</button></form>
            <table><tr><th scope="col">{{#t}}Thiết bị{{/t}}</th><th scope="col">{{#t}}Loại{{/t}}</th><th scope="col">{{#t}}Tạo lúc{{/t}}</th><th scope="col">{{#t}}Tình trạng{{/t}}</th></tr>
            {{#tokens}}<tr><td>{{name}}</td><td>{{role}}</td><td>{{createdAt}}</td>
            <td>{{#revokedAt}}{{#t}}thu hồi lúc{{/t}} {{.}}{{/revokedAt}}{{^revokedAt}}{{#t}}đang dùng{{/t}}
            <form class="inline" method="post" action="/devices/{{id}}/revoke"><button aria-label="{{#t}}Thu hồi mã của {{name}}{{/t}}">{{#t}}Thu hồi{{/t}}</button></form>{{/revokedAt}}</td></tr>{{/tokens}}</table>
            {{> foot}}
            """,
        "review": """
            {{> head}}
            <h1>{{#t}}Xem phiếu quét{{/t}} — {{election}}</h1>
            <p>{{#t}}Chờ quyết định: <b>{{waiting}}</b> · máy đã đếm: {{counted}} · Ban kiểm phiếu đã quyết định: {{decided}}{{/t}}
            {{#openElsewhere}}· {{#t}}đang mở ở trang của thành viên khác: {{openElsewhere}}{{/t}}{{/openElsewhere}}
            · <a href="/elections/{{id}}">{{#t}}Về cuộc bầu cử{{/t}}</a></p>
            {{#sheet}}
            <div class="box" id="sheet"><b>{{#t}}Phiếu{{/t}} {{serial}}</b> <span class="note">({{file}}, {{#t}}trang{{/t}} {{page}})</span>
            <ul>{{#reasons}}<li class="no">{{.}}</li>{{/reasons}}</ul>
            {{#alsoOpenBy}}<p class="no" role="alert">{{#t}}{{alsoOpenBy}} cũng đang mở tờ này (các tờ khác đều có người đang xem): thống nhất ai quyết định.{{/t}}</p>{{/alsoOpenBy}}
            {{#askedOpenBy}}<p class="no" role="alert">{{#t}}{{askedOpenBy}} cũng đang mở tờ này: thống nhất ai quyết định.{{/t}}</p>{{/askedOpenBy}}
            {{#flaggedLines}}<p><b>{{#t}}Dòng{{/t}} {{number}}: {{name}}</b> — {{#t}}máy đọc:{{/t}} {{machine}}<br><img class="crop" src="{{crop}}" alt="{{#t}}Dòng {{number}} như máy quét thấy{{/t}}"></p>{{/flaggedLines}}
            <form method="post" action="/elections/{{id}}/review/{{sheetID}}" class="box" id="decision">
            <label>{{#t}}<b>Số bị gạch</b>, rồi lý do nếu có; Enter để xác nhận:{{/t}}<br>
            <input name="line" size="40" value="{{prefill}}" autofocus data-caret="end" autocomplete="off" placeholder="2 5"></label>
            <p class="note">{{#t}}Để trống nếu không gạch ai. Lý do: d không có dấu · t ghi thêm tên · k ký hiệu riêng · r gạch không rõ · p phiếu lạ.{{/t}}</p>
            </form>
            <table><tr><th scope="col">{{#t}}STT{{/t}}</th><th scope="col">{{#t}}Họ và tên{{/t}}</th><th scope="col">{{#t}}Máy đọc{{/t}}</th></tr>
            {{#lines}}<tr{{#flagged}} class="flagged"{{/flagged}}><td>{{number}}</td><td>{{#struck}}<s>{{name}}</s>{{/struck}}{{^struck}}{{name}}{{/struck}}</td>
            <td>{{#flagged}}<b class="no">{{machine}}</b>{{/flagged}}{{^flagged}}{{machine}}{{/flagged}}</td></tr>{{/lines}}</table>
            {{#image}}<p>{{#t}}<b>Cả tờ phiếu</b> (như máy quét thấy):{{/t}}<br><img class="sheet" src="{{.}}" alt="{{#t}}Phiếu {{serial}} như máy quét thấy{{/t}}"></p>{{/image}}
            </div>
            {{/sheet}}
            {{^sheet}}<p class="box ok">{{#t}}Không còn tờ nào chờ quyết định.{{/t}}</p>{{/sheet}}
            {{#hasRejected}}<div class="box">{{#t}}<b>Tờ bị trả lại</b> (đưa lại Ban kiểm phiếu xem tờ giấy và nhập tay):{{/t}}
            <ul>{{#rejected}}<li>{{file}}, {{#t}}trang{{/t}} {{page}}: {{reason}}</li>{{/rejected}}</ul></div>{{/hasRejected}}
            {{> foot}}
            """,
        "login": """
            {{> head}}
            <h1>{{#t}}Đăng nhập{{/t}}</h1>
            <form method="post" action="/login" class="box">
            <p><label>{{#t}}Tên đăng nhập{{/t}}<br><input name="username" autocomplete="username" required autofocus></label></p>
            <p><label>{{#t}}Mật khẩu{{/t}}<br><input name="password" type="password" autocomplete="current-password" required></label></p>
            <p><button>{{#t}}Đăng nhập{{/t}}</button></p></form>
            {{> foot}}
            """,
        "delegates": """
            {{> head}}
            <h1>{{#t}}Đại biểu{{/t}}</h1>
            <form method="get" action="/delegates" role="search"><label>{{#t}}Tìm đại biểu{{/t}} <input name="q" value="{{query}}" placeholder="{{#t}}Tìm tên, mã, đoàn — không cần dấu{{/t}}" size="40" autofocus></label>
            <button>{{#t}}Tìm{{/t}}</button></form>
            <p class="note">{{#t}}{{count}} đại biểu{{/t}}{{#sitting}} — {{#t}}phiên đang mở:{{/t}} {{.}}{{/sitting}}</p>
            {{#canImport}}<p><a href="/delegates/import">{{#t}}Nhập danh sách (.xlsx, .csv){{/t}}</a> · <a href="/badges">{{#t}}In thẻ đại biểu{{/t}}</a></p>{{/canImport}}
            <table><tr><th scope="col">{{#t}}Mã{{/t}}</th><th scope="col">{{#t}}Họ và tên{{/t}}</th><th scope="col">{{#t}}Đoàn{{/t}}</th><th scope="col">{{#t}}Loại{{/t}}</th><th scope="col">{{#t}}Có mặt{{/t}}</th></tr>
            {{#delegates}}<tr><td>{{code}}</td><td><a href="/delegates/{{code}}">{{name}}</a></td><td>{{delegation}}</td><td>{{kind}}</td>
            <td>{{#present}}<span class="ok">✔</span>{{/present}}</td></tr>{{/delegates}}</table>
            {{#paging}}{{> paging}}{{/paging}}
            {{> foot}}
            """,
        "delegate": """
            {{> head}}
            <h1>{{name}} <small class="note">{{code}}</small></h1>
            <div class="box"><p>{{delegation}} — {{kind}}{{#seat}} — {{#t}}ghế{{/t}} {{.}}{{/seat}}</p>
            <p>{{#counts}}<span class="ok">{{#t}}Được tính vào túc số{{/t}}</span>{{/counts}}{{^counts}}<span class="no">{{#t}}Không tính vào túc số{{/t}}</span>{{/counts}}
            {{#replacedBy}} — {{#t}}đã được thay bởi{{/t}} <a href="/delegates/{{code}}">{{name}} ({{code}})</a>{{/replacedBy}}
            {{#replacing}} — {{#t}}thay cho{{/t}} <a href="/delegates/{{code}}">{{name}} ({{code}})</a>{{/replacing}}</p>
            <p>{{#t}}Thẻ số {{serial}}{{/t}} — <a href="/delegates/{{code}}/badge.png">{{#t}}tải thẻ (PNG){{/t}}</a></p></div>
            <h2>{{#t}}Điểm danh{{/t}}</h2>
            <table><tr><th scope="col">{{#t}}Phiên{{/t}}</th><th scope="col">{{#t}}Lúc{{/t}}</th><th scope="col">{{#t}}Cách{{/t}}</th><th scope="col">{{#t}}Cửa{{/t}}</th><th scope="col">{{#t}}Lý do{{/t}}</th></tr>
            {{#attendance}}<tr><td>{{sitting}}</td><td>{{at}}</td><td>{{kind}}</td><td>{{station}}</td><td>{{reason}}</td></tr>{{/attendance}}</table>
            <h2>{{#t}}Các lần quét thẻ{{/t}}</h2>
            <table><tr><th scope="col">{{#t}}Lúc{{/t}}</th><th scope="col">{{#t}}Cửa{{/t}}</th><th scope="col">{{#t}}Kết quả{{/t}}</th></tr>
            {{#scans}}<tr{{#duplicate}} class="duplicate"{{/duplicate}}><td>{{at}}</td><td>{{station}}</td><td>{{verdict}}{{#duplicate}} — {{#t}}<b>⚠ quét trùng</b> (đã vào trước đó){{/t}}{{/duplicate}}</td></tr>{{/scans}}</table>
            {{#hasAbsences}}<h2>{{#t}}Vắng mặt có lý do{{/t}}</h2>
            <table><tr><th scope="col">{{#t}}Phiên{{/t}}</th><th scope="col">{{#t}}Lý do{{/t}}</th><th scope="col">{{#t}}Ghi lúc{{/t}}</th><th scope="col">{{#t}}Người ghi{{/t}}</th></tr>
            {{#absences}}<tr><td>{{scope}}</td><td>{{reason}}</td><td>{{at}}</td><td>{{actor}}</td></tr>{{/absences}}</table>{{/hasAbsences}}
            {{#canAbsent}}<form method="post" action="/delegates/{{code}}/absence" class="box">
            {{#t}}<b>Ghi vắng có lý do</b> (phiên đang mở):{{/t}} <label>{{#t}}lý do{{/t}} <input name="reason" placeholder="{{#t}}Ốm, có đơn xin phép{{/t}}" size="24" required></label>
            <label><input type="checkbox" name="whole" value="1"> {{#t}}vắng cả đại hội{{/t}}</label> <button>{{#t}}Ghi{{/t}}</button></form>{{/canAbsent}}
            {{#canAdmit}}<form method="post" action="/delegates/{{code}}/admit" class="box">
            {{#t}}<b>Điểm danh thủ công</b> (quên thẻ):{{/t}} <label>{{#t}}cửa{{/t}} <input name="station" value="{{#t}}Bàn thư ký{{/t}}" size="12"></label>
            <label>{{#t}}lý do{{/t}} <input name="reason" value="{{#t}}Quên thẻ{{/t}}" size="20" required></label> <button>{{#t}}Điểm danh{{/t}}</button></form>{{/canAdmit}}
            {{#canReissue}}<form method="post" action="/delegates/{{code}}/reissue" class="box">
            {{#t}}<b>Cấp lại thẻ</b> (thẻ cũ bị từ chối ngay):{{/t}} <label>{{#t}}lý do{{/t}} <input name="reason" value="{{#t}}Mất thẻ{{/t}}" size="20" required></label>
            <button>{{#t}}Cấp lại{{/t}}</button></form>{{/canReissue}}
            {{#canSubstitute}}<form method="post" action="/substitutions" class="box"><b>{{#t}}Thay thế{{/t}}</b>: <label>{{#t}}{{code}} thay cho mã{{/t}}
            <input name="replaced" size="8" required></label> <label>{{#t}}theo quyết định{{/t}} <input name="decision" size="30" required></label>
            <input type="hidden" name="alternate" value="{{code}}"><button>{{#t}}Ghi nhận{{/t}}</button></form>{{/canSubstitute}}
            {{> foot}}
            """,
        "import": """
            {{> head}}
            <h1>{{#t}}Nhập danh sách đại biểu{{/t}}</h1>
            {{#refusal}}<div class="box refusal" role="alert"><b>{{#t}}Chưa nhập:{{/t}}</b> {{.}}</div>{{/refusal}}
            {{#errorSource}}<h2 id="errors">{{#t}}{{errorCount}} lỗi trong {{errorSource}} — chưa nhập gì{{/t}}</h2>
            <p>{{#t}}Hãy sửa các ô dưới đây trong tệp rồi tải lên lại. Số dòng và chữ cột như Excel hiển thị.{{/t}}</p>
            <table aria-describedby="errors"><tr><th scope="col">{{#t}}Tệp{{/t}}</th><th scope="col">{{#t}}Dòng{{/t}}</th><th scope="col">{{#t}}Cột{{/t}}</th><th scope="col">{{#t}}Tiêu đề cột{{/t}}</th><th scope="col">{{#t}}Sai gì{{/t}}</th><th scope="col">{{#t}}Cần ghi{{/t}}</th></tr>
            {{#errors}}<tr><td>{{file}}</td><td>{{row}}</td><td>{{column}}</td><td>{{header}}</td><td>{{wrong}}</td><td>{{right}}</td></tr>{{/errors}}</table>{{/errorSource}}
            {{#warnings}}<p class="note">⚠ {{.}}</p>{{/warnings}}
            {{#preview}}<h2 id="preview">{{#t}}Xem trước: {{source}}, {{total}} đại biểu{{/t}}</h2>
            {{#nothing}}<p role="status">{{#t}}Danh sách không có gì thay đổi; không cần nhập.{{/t}}</p>{{/nothing}}
            {{^nothing}}<p role="status">{{#t}}Nếu xác nhận: thêm <b>{{added}}</b>, sửa <b>{{changed}}</b>, xoá <b>{{removed}}</b>, giữ nguyên {{unchanged}}. Chưa có gì thay đổi.{{/t}}</p>
            {{#id}}<form method="post" action="/delegates/import/confirm" class="box"><input type="hidden" name="preview" value="{{.}}">
            {{#removesMost}}<p class="no">{{#t}}Danh sách mới xoá {{removed}} trong số {{previousCount}} đại biểu hiện có — có thể là tệp chưa đầy đủ.{{/t}}</p>
            <p><label><input type="checkbox" name="replace_all" value="1" required> {{#t}}Tôi muốn thay cả danh sách (xoá {{removed}} đại biểu){{/t}}</label></p>{{/removesMost}}
            <button>{{#t}}Xác nhận nhập {{total}} đại biểu{{/t}}</button> <a href="/delegates/import">{{#t}}Huỷ{{/t}}</a></form>{{/id}}
            {{#added}}<h3>{{#t}}Thêm mới{{/t}}</h3><table><tr><th scope="col">{{#t}}Mã{{/t}}</th><th scope="col">{{#t}}Họ và tên{{/t}}</th><th scope="col">{{#t}}Đoàn{{/t}}</th><th scope="col">{{#t}}Loại{{/t}}</th></tr>
            {{#addedRows}}<tr><td>{{code}}</td><td>{{name}}</td><td>{{delegation}}</td><td>{{kind}}</td></tr>{{/addedRows}}</table>{{/added}}
            {{#changed}}<h3>{{#t}}Sửa{{/t}}</h3><table><tr><th scope="col">{{#t}}Mã{{/t}}</th><th scope="col">{{#t}}Họ và tên{{/t}}</th><th scope="col">{{#t}}Thay đổi{{/t}}</th></tr>
            {{#changedRows}}<tr><td>{{code}}</td><td>{{name}}</td><td>{{#fields}}{{header}}: <del>{{before}}</del> → <ins>{{after}}</ins><br>{{/fields}}</td></tr>{{/changedRows}}</table>{{/changed}}
            {{#removed}}<h3>{{#t}}Xoá{{/t}}</h3><table><tr><th scope="col">{{#t}}Mã{{/t}}</th><th scope="col">{{#t}}Họ và tên{{/t}}</th><th scope="col">{{#t}}Đoàn{{/t}}</th><th scope="col">{{#t}}Loại{{/t}}</th></tr>
            {{#removedRows}}<tr><td>{{code}}</td><td>{{name}}</td><td>{{delegation}}</td><td>{{kind}}</td></tr>{{/removedRows}}</table>{{/removed}}
            {{#more}}<p class="note">{{.}}</p>{{/more}}{{/nothing}}{{/preview}}
            <form method="post" action="/delegates/import" enctype="multipart/form-data" class="box">
            <p><label>{{#t}}Tệp danh sách (.xlsx, hoặc .csv UTF-8; tối đa {{limit}}){{/t}} <input type="file" name="file" accept=".xlsx,.csv" required></label></p>
            <p class="note">{{#t}}Dòng đầu là tiêu đề; cột bắt buộc: Mã đại biểu, Họ và tên, Giới tính, Đoàn đại biểu, Loại đại biểu.{{/t}}
            {{#t}}Tệp mẫu: danh sách hiện có{{/t}} <a href="/reports/danh-sach-dai-bieu.xlsx">XLSX</a> · <a href="/reports/danh-sach-dai-bieu.csv">CSV</a>.
            {{#t}}Tải lên chỉ để xem trước; danh sách chỉ thay đổi khi bấm Xác nhận.{{/t}}</p>
            <button>{{#t}}Xem trước{{/t}}</button></form>
            {{> foot}}
            """,
        "badges": """
            {{> head}}
            <h1>{{#t}}In thẻ đại biểu{{/t}}</h1>
            {{#refusal}}<div class="box refusal" role="alert"><b>{{#t}}Chưa in:{{/t}}</b> {{.}}</div>{{/refusal}}
            <p>{{#t}}{{total}} đại biểu{{/t}}{{#unsigned}} — <span class="no">{{#t}}{{unsigned}} thẻ chưa ký{{/t}}</span> {{#t}}(chạy <code>congress credentials</code> trên máy giữ khoá ký){{/t}}{{/unsigned}}.
            {{#t}}Mỗi lần in là một tệp PDF: tờ A4 có 8 thẻ 90×54 mm và dấu cắt, hoặc thẻ CR80 mỗi trang một thẻ.{{/t}}</p>
            <form method="get" action="/badges/print" class="box"><b>{{#t}}Tất cả{{/t}}</b> <input type="hidden" name="scope" value="all">
            {{> badge-options}} <button>{{#t}}Tải PDF tất cả thẻ{{/t}}</button></form>
            <form method="get" action="/badges/print" class="box"><b>{{#t}}Một đoàn{{/t}}</b> <input type="hidden" name="scope" value="delegation">
            <label>{{#t}}đoàn{{/t}} <select name="delegation">{{#delegations}}<option value="{{name}}">{{name}} ({{count}})</option>{{/delegations}}</select></label>
            {{> badge-options}} <button>{{#t}}Tải PDF của đoàn{{/t}}</button></form>
            <form method="get" action="/badges/print" class="box"><b>{{#t}}Đại biểu được chọn{{/t}}</b> <input type="hidden" name="scope" value="codes">
            <label>{{#t}}mã đại biểu{{/t}} <input name="codes" placeholder="DB0001, DB0015" size="30" required></label>
            {{> badge-options}} <label>{{#t}}dạng{{/t}} <select name="format"><option value="pdf">PDF</option><option value="png">{{#t}}PNG (một thẻ){{/t}}</option></select></label>
            <button>{{#t}}Tải{{/t}}</button></form>
            <form method="get" action="/badges/print" class="box"><b>{{#t}}In lại thẻ cấp lại{{/t}}</b> <input type="hidden" name="scope" value="reissued">
            <label>{{#t}}cấp lại từ{{/t}} <input type="datetime-local" name="since" value="{{since}}" required></label> <span class="note">({{#t}}giờ{{/t}} {{zone}})</span>
            {{> badge-options}} <button>{{#t}}Tải PDF thẻ cấp lại{{/t}}</button></form>
            <h2>{{#t}}Thẻ đã cấp lại{{/t}}</h2>
            <table><tr><th scope="col">{{#t}}Mã{{/t}}</th><th scope="col">{{#t}}Họ và tên{{/t}}</th><th scope="col">{{#t}}Thẻ số{{/t}}</th><th scope="col">{{#t}}Cấp lại lúc{{/t}}</th></tr>
            {{#reissued}}<tr><td>{{code}}</td><td><a href="/delegates/{{code}}">{{name}}</a></td><td>{{serial}}</td><td>{{at}}</td></tr>{{/reissued}}</table>
            {{^anyReissued}}<p class="note">{{#t}}Chưa có thẻ nào được cấp lại.{{/t}}</p>{{/anyReissued}}
            {{> foot}}
            """,
        "badge-options": """
            <label>{{#t}}khổ{{/t}} <select name="layout"><option value="a4">{{#t}}tờ A4, 8 thẻ{{/t}}</option><option value="card">{{#t}}thẻ CR80{{/t}}</option></select></label>
            <label>{{#t}}thứ tự{{/t}} <select name="sort"><option value="delegation">{{#t}}theo đoàn{{/t}}</option><option value="code">{{#t}}theo mã{{/t}}</option></select></label>
            """,
        "sittings": """
            {{> head}}
            <h1>{{#t}}Phiên họp{{/t}}</h1>
            {{#canManage}}<div class="box">{{#open}}{{#t}}Đang mở: <b>{{name}}</b> (từ {{openedAt}}){{/t}}
            <form class="inline" method="post" action="/sittings/quorum"><input type="hidden" name="reason" value="Đoàn Chủ tịch yêu cầu"><button>{{#t}}Ghi túc số lúc này{{/t}}</button></form>
            <form class="inline" method="post" action="/sittings/close"><button>{{#t}}Đóng phiên{{/t}}</button></form>{{/open}}
            {{^open}}<form method="post" action="/sittings/open"><label>{{#t}}Mở phiên{{/t}} <input name="name" placeholder="{{#t}}Phiên trù bị{{/t}}" required></label><button>{{#t}}Mở{{/t}}</button></form>{{/open}}</div>{{/canManage}}
            <table><tr><th scope="col">{{#t}}Phiên{{/t}}</th><th scope="col">{{#t}}Mở lúc{{/t}}</th><th scope="col">{{#t}}Đóng lúc{{/t}}</th><th scope="col">{{#t}}Túc số đã ghi{{/t}}</th><th scope="col">{{#t}}Điểm danh gửi đến sau khi đóng phiên{{/t}}</th></tr>
            {{#sittings}}<tr><td>{{name}}</td><td>{{openedAt}}</td><td>{{closedAt}}</td>
            <td>{{#records}}{{at}}: {{present}}/{{convened}} {{#holds}}<span class="ok">{{#t}}ĐỦ{{/t}}</span>{{/holds}}{{^holds}}<span class="no">{{#t}}CHƯA ĐỦ{{/t}}</span>{{/holds}} ({{reason}})<br>{{/records}}</td>
            <td>{{#late}}{{#t}}{{code}} {{name}}: quét lúc {{at}} ở {{station}}, nhận lúc {{receivedAt}}{{/t}}<br>{{/late}}</td></tr>{{/sittings}}</table>
            {{> foot}}
            """,
    ]
}
