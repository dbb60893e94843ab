import Foundation

/// The hall screen (/board): server-rendered so it shows the figures without JavaScript,
/// then kept live by Server-Sent Events. Sized for a 1920×1080 projector, readable from the
/// back of a hall: the quorum in very large type, green when it holds.
enum BoardPage {
    static func html(_ b: BoardSnapshot, token: String?) -> String {
        let status = b.holds ? "ĐỦ điều kiện tiến hành đại hội" : "CHƯA ĐỦ điều kiện tiến hành đại hội"
        let rows = b.delegations.map { "<tr><td>\(escape($0.name))</td><td class=n>\($0.present)/\($0.convened)</td></tr>" }.joined()
        let latest = b.latest.map { "<li><b>\(escape($0.name))</b> <span>\(escape($0.delegation))</span></li>" }.joined()
        let events = "/api/v1/events" + (token.map { "?token=" + escape($0) } ?? "")
        return """
        <!doctype html>
        <html lang="vi"><head><meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>Điểm danh — \(escape(b.congress))</title>
        <style>
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
        </style></head>
        <body>
        <header id="congress">\(escape(b.congress))\(b.term.map { " — nhiệm kỳ " + escape($0) } ?? "")</header>
        <main>
          <section class="quorum">
            <div class="labels" id="sitting">\(escape(b.sitting ?? "Chưa mở phiên họp"))</div>
            <div class="figure"><span id="present">\(b.present)</span><small> / <span id="convened">\(b.convened)</span></small></div>
            <div class="labels">có mặt / triệu tập</div>
            <div class="percent"><span id="percent">\(b.percent)</span>%</div>
            <div id="status" class="status \(b.holds ? "holds" : "short")">\(status)</div>
          </section>
          <section>
            <h2>Theo đoàn đại biểu</h2>
            <table id="delegations">\(rows)</table>
            <h2>Vừa đến</h2>
            <ul id="latest">\(latest)</ul>
          </section>
        </main>
        <script>
        (function(){
          function esc(s){return String(s).replace(/[&<>"]/g,function(c){return {"&":"&amp;","<":"&lt;",">":"&gt;","\\"":"&quot;"}[c]})}
          var source = new EventSource("\(events)");
          source.addEventListener("board", function(e){
            var b = JSON.parse(e.data);
            document.getElementById("sitting").textContent = b.sitting || "Chưa mở phiên họp";
            document.getElementById("present").textContent = b.present;
            document.getElementById("convened").textContent = b.convened;
            document.getElementById("percent").textContent = b.percent;
            var s = document.getElementById("status");
            s.textContent = b.holds ? "ĐỦ điều kiện tiến hành đại hội" : "CHƯA ĐỦ điều kiện tiến hành đại hội";
            s.className = "status " + (b.holds ? "holds" : "short");
            document.getElementById("delegations").innerHTML = b.delegations.map(function(d){
              return "<tr><td>"+esc(d.name)+"</td><td class=n>"+d.present+"/"+d.convened+"</td></tr>"}).join("");
            document.getElementById("latest").innerHTML = b.latest.map(function(a){
              return "<li><b>"+esc(a.name)+"</b> <span>"+esc(a.delegation)+"</span></li>"}).join("");
          });
        })();
        </script>
        </body></html>
        """
    }

    static func escape(_ text: String) -> String {
        var out = ""
        for c in text {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(c)
            }
        }
        return out
    }
}
