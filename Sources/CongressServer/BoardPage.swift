import Foundation

/// The hall screen's pass (màn hình hội trường): its viewer token, given once in the address
/// the admin hands out (`/board?token=…`) and then kept in a cookie of its own for the
/// screen's page and stream. The token is never written into a page.
enum HallScreen {
    static let cookie = "congress_screen"

    struct Pass: Sendable {
        var token: String
        /// Given in the address: the answer sets the cookie.
        var fromQuery: Bool
    }

    /// The cookie that keeps the pass, for the browser's session, for /board only
    /// (`Secure` added over TLS, as to every cookie: SecurityHeaders).
    static func setCookie(_ pass: Pass) -> String {
        "\(cookie)=\(pass.token); Path=/board; HttpOnly; SameSite=Strict"
    }
}

/// The hall screen (/board): server-rendered from the "board" template so it shows the
/// figures without JavaScript, then kept live by Server-Sent Events. Sized for a 1920×1080
/// projector, readable from the back of a hall: the quorum in very large type, green when
/// it holds.
enum BoardPage {
    static func html(_ b: BoardSnapshot) -> String {
        Templates.render(BoardView(board: b, events: "/board/events"), "board")
    }

    static let template = """
        {{#board}}
        <!doctype html>
        <html lang="vi"><head><meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>Điểm danh — {{congress}}</title>
        <link rel="stylesheet" href="/board.css"><link rel="icon" href="/favicon.svg" type="image/svg+xml"></head>
        <body data-events="{{events}}">
        <header id="congress">{{congress}}{{#term}} — nhiệm kỳ {{.}}{{/term}}</header>
        <main>
          <section class="quorum">
            <div class="labels" id="sitting">{{#sitting}}{{.}}{{/sitting}}{{^sitting}}Chưa mở phiên họp{{/sitting}}</div>
            <div class="figure"><span id="present">{{present}}</span><small> / <span id="convened">{{convened}}</span></small></div>
            <div class="labels">có mặt / triệu tập</div>
            <div class="percent"><span id="percent">{{percent}}</span>%</div>
            <div id="status" class="status {{#holds}}holds{{/holds}}{{^holds}}short{{/holds}}">{{#holds}}ĐỦ{{/holds}}{{^holds}}CHƯA ĐỦ{{/holds}} điều kiện tiến hành đại hội</div>
            <div class="labels" id="credentials">{{credentials}}</div>
          </section>
          <section>
            <h2>Theo đoàn đại biểu</h2>
            <table id="delegations">{{#delegations}}<tr><td>{{name}}</td><td class=n>{{present}}/{{convened}}</td></tr>{{/delegations}}</table>
            <h2>Vừa đến</h2>
            <ul id="latest">{{#latest}}<li><b>{{name}}</b> <span>{{delegation}}</span></li>{{/latest}}</ul>
            <div id="results">{{#results}}<h2>{{title}}</h2><ol>{{#elected}}<li><b>{{name}}</b> <span>{{votes}} phiếu, {{percent}}%</span></li>{{/elected}}</ol><p>{{note}}</p>{{/results}}</div>
          </section>
        </main>
        <script src="/board.js"></script>
        </body></html>
        {{/board}}
        """

    /// The hall screen's style and script, served as files (/board.css, /board.js) so the
    /// Content Security Policy allows nothing inline.
    static let style = """
        html,body{margin:0;background:#111;color:#f5f5f5;font-family:"Noto Sans","DejaVu Sans",sans-serif;overflow:hidden;height:100%}
        header{padding:1.2vh 2vw;font-size:2.6vh;font-weight:700;color:#ffcdd2;text-align:center;text-transform:uppercase}
        main{display:grid;grid-template-columns:58fr 42fr;gap:2vw;padding:0 2vw}
        .quorum{text-align:center}
        .figure{font-size:22vh;font-weight:800;line-height:1;margin:2vh 0 0}
        .figure small{font-size:9vh;color:#bbb}
        .percent{font-size:7vh;margin:1vh 0}
        .status{font-size:5.2vh;font-weight:800;padding:1.5vh 1vw;border-radius:1vh}
        .holds{background:#1b5e20} .short{background:#b71c1c}
        .labels{font-size:3vh;color:#ccc}
        table{width:100%;border-collapse:collapse;font-size:2.6vh}
        td{padding:.5vh .5vw;border-bottom:1px solid #333} td.n{text-align:right;font-weight:700}
        ul{list-style:none;padding:0;margin:1vh 0;font-size:2.6vh} li{padding:.4vh 0} li span{color:#aaa;font-size:2vh}
        h2{font-size:2.8vh;color:#ffcc80;margin:1.5vh 0 .5vh}
        """

    static let script = """
        (function(){
          function esc(s){return String(s).replace(/[&<>"]/g,function(c){return {"&":"&amp;","<":"&lt;",">":"&gt;","\\"":"&quot;"}[c]})}
          var source = new EventSource(document.body.dataset.events);
          source.addEventListener("board", function(e){
            var b = JSON.parse(e.data);
            document.getElementById("sitting").textContent = b.sitting || "Chưa mở phiên họp";
            document.getElementById("present").textContent = b.present;
            document.getElementById("convened").textContent = b.convened;
            document.getElementById("percent").textContent = b.percent;
            var s = document.getElementById("status");
            s.textContent = b.holds ? "ĐỦ điều kiện tiến hành đại hội" : "CHƯA ĐỦ điều kiện tiến hành đại hội";
            s.className = "status " + (b.holds ? "holds" : "short");
            document.getElementById("credentials").textContent = b.credentials || "";
            document.getElementById("delegations").innerHTML = b.delegations.map(function(d){
              return "<tr><td>"+esc(d.name)+"</td><td class=n>"+d.present+"/"+d.convened+"</td></tr>"}).join("");
            document.getElementById("latest").innerHTML = b.latest.map(function(a){
              return "<li><b>"+esc(a.name)+"</b> <span>"+esc(a.delegation)+"</span></li>"}).join("");
            document.getElementById("results").innerHTML = (b.results || []).map(function(r){
              return "<h2>"+esc(r.title)+"</h2><ol>"+r.elected.map(function(x){
                return "<li><b>"+esc(x.name)+"</b> <span>"+x.votes+" phiếu, "+esc(x.percent)+"%</span></li>"}).join("")+"</ol><p>"+esc(r.note)+"</p>"}).join("");
          });
        })();
        """
}
