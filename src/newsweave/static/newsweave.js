/* newsweave: pick a claim to highlight its evidence in every article (no dependencies). */
(function () {
  "use strict";

  function ready(fn) {
    if (document.readyState !== "loading") fn();
    else document.addEventListener("DOMContentLoaded", fn);
  }

  ready(function () {
    var compare = document.getElementById("compare");
    if (!compare) return;
    var columns = Array.prototype.slice.call(compare.querySelectorAll(".col[data-article]"));
    var buttons = Array.prototype.slice.call(document.querySelectorAll("button.claim[data-claim]"));
    var status = document.getElementById("claim-status");
    var spansByClaim = new Map();
    compare.querySelectorAll("[data-claims]").forEach(function (span) {
      span.getAttribute("data-claims").split(" ").forEach(function (id) {
        if (!id) return;
        if (!spansByClaim.has(id)) spansByClaim.set(id, []);
        spansByClaim.get(id).push(span);
      });
    });
    var lit = [];
    var pinned = null;
    var previewing = null;

    function buttonFor(id) {
      for (var i = 0; i < buttons.length; i++) {
        if (buttons[i].getAttribute("data-claim") === id) return buttons[i];
      }
      return null;
    }

    function show(id) {
      lit.forEach(function (el) { el.classList.remove("hl"); });
      lit = [];
      if (!id) {
        columns.forEach(function (col) { col.removeAttribute("data-match"); });
        if (status) status.textContent = "";
        return;
      }
      var spans = spansByClaim.get(id) || [];
      spans.forEach(function (el) { el.classList.add("hl"); });
      lit = spans.slice();
      var found = [];
      columns.forEach(function (col) {
        var first = null;
        for (var i = 0; i < spans.length; i++) {
          if (col.contains(spans[i])) { first = spans[i]; break; }
        }
        col.setAttribute("data-match", first ? "yes" : "no");
        if (first) {
          found.push(col.querySelector(".col-outlet").textContent);
          var body = col.querySelector(".col-body");
          if (body && body.scrollHeight > body.clientHeight) {
            body.scrollTop = Math.max(0, first.offsetTop - 48);
          }
        }
      });
      if (status) {
        status.textContent = found.length
          ? "Stated in " + found.length + " of " + columns.length + " articles: " + found.join(", ") + "."
          : "No article text holds this claim.";
      }
    }

    function preview(id) {
      previewing = id;
      buttons.forEach(function (b) { b.classList.toggle("is-preview", b.getAttribute("data-claim") === id); });
      show(id || pinned);
    }

    function pin(id) {
      pinned = pinned === id ? null : id;
      buttons.forEach(function (b) {
        b.setAttribute("aria-pressed", b.getAttribute("data-claim") === pinned ? "true" : "false");
      });
      show(previewing && previewing !== id ? previewing : pinned);
    }

    buttons.forEach(function (b) {
      var id = b.getAttribute("data-claim");
      b.addEventListener("mouseenter", function () { preview(id); });
      b.addEventListener("mouseleave", function () { preview(null); });
      b.addEventListener("focus", function () { preview(id); });
      b.addEventListener("blur", function () { preview(null); });
      // A button's click also fires for Enter and Space, so keyboard users can pin too.
      b.addEventListener("click", function () { previewing = null; pin(id); });
    });

    document.querySelectorAll("button.claim-link[data-claim]").forEach(function (link) {
      link.addEventListener("click", function () {
        var id = link.getAttribute("data-claim");
        if (pinned !== id) pin(id);
        compare.scrollIntoView({ block: "start" });
        var b = buttonFor(id);
        if (b) { b.focus({ preventScroll: true }); b.scrollIntoView({ block: "nearest" }); }
      });
    });

    compare.addEventListener("click", function (event) {
      var span = event.target.closest ? event.target.closest(".col-body [data-claims]") : null;
      if (!span) return;
      var ids = span.getAttribute("data-claims").split(" ");
      var id = ids[0];
      for (var i = 0; i < ids.length; i++) {
        var b = buttonFor(ids[i]);
        if (b && b.classList.contains("claim-shared")) { id = ids[i]; break; }
      }
      if (pinned !== id) pin(id);
      var btn = buttonFor(id);
      if (btn) btn.scrollIntoView({ block: "nearest" });
    });

    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && pinned) pin(pinned);
    });
  });
})();
