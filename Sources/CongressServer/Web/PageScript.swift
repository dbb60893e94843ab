/// The pages' one script (/congress.js), a file so that the pages' policy allows no inline
/// script. The pages work without it; with it, two things a person at the desk wants:
///
/// - a box marked `data-follow="URL"` keeps its figures current while the scanner reads the
///   box (each `data-field` element takes that field of URL's JSON, every three seconds),
///   without reloading the page under an operator's typing;
/// - an input marked `data-caret="end"` takes the focus with the caret after what it holds
///   (the review page's machine reading, to be confirmed with Enter or corrected from its end).
enum PageScript {
    static let text = """
        (function () {
          var caret = document.querySelector('input[data-caret="end"]');
          if (caret) { caret.focus(); var n = caret.value.length; caret.setSelectionRange(n, n); }
          document.querySelectorAll('[data-follow]').forEach(function (box) {
            var url = box.getAttribute('data-follow');
            function update() {
              fetch(url, { credentials: 'same-origin', headers: { 'Accept': 'application/json' } })
                .then(function (r) { return r.ok ? r.json() : null; })
                .then(function (data) {
                  if (!data) { return; }
                  box.querySelectorAll('[data-field]').forEach(function (el) {
                    var v = data[el.getAttribute('data-field')];
                    if (v !== undefined && String(v) !== el.textContent) { el.textContent = String(v); }
                  });
                })
                .catch(function () {});
            }
            setInterval(update, 3000);
          });
        })();
        """
}
