// Keeps an unsent visit form on the phone and sends it again once the network is back.
// Progressive: without this script the form posts normally. The server saves each
// submission_id once, so sending the same form twice never makes a second visit.
// Photos are not kept: localStorage holds text only.
//
// A queued form the server refuses (a 4xx: a field in error) is not resent from other
// households' forms: it is marked refused, named once, and shown on its own household's form
// with the server's messages beside the fields, to be corrected and saved, or dropped.
(function () {
  "use strict";
  var KEY = "minzheng.visits.pending";

  function load() {
    try {
      return JSON.parse(window.localStorage.getItem(KEY) || "[]");
    } catch (error) {
      return [];
    }
  }

  function store(pending) {
    try {
      window.localStorage.setItem(KEY, JSON.stringify(pending));
    } catch (error) {
      // Storage full or disabled: the form still posts normally.
    }
  }

  function forget(id) {
    store(load().filter(function (entry) { return entry.id !== id; }));
  }

  function markRefused(id) {
    store(load().map(function (entry) {
      if (entry.id === id) { entry.refused = true; }
      return entry;
    }));
  }

  function remember(form) {
    var fields = [];
    new FormData(form).forEach(function (value, name) {
      if (typeof value === "string") { fields.push([name, value]); }
    });
    var id = form.elements.submission_id.value;
    var pending = load().filter(function (entry) { return entry.id !== id; });
    pending.push({
      id: id,
      action: form.action,
      household: form.getAttribute("data-household-number") || "",
      fields: fields
    });
    store(pending);
    return id;
  }

  function notice(text) {
    var box = document.getElementById("visit-queue");
    if (box) { box.textContent = text; box.hidden = false; }
  }

  function send(entry) {
    var body = new FormData();
    entry.fields.forEach(function (pair) { body.append(pair[0], pair[1]); });
    return fetch(entry.action, { method: "POST", body: body, credentials: "same-origin" });
  }

  // The server's refusal page for this household replaces the blank form: its messages stand
  // beside the fields and the typed values are kept. 放弃 drops the queued record.
  function showRefused(form, entry, html) {
    var page = new DOMParser().parseFromString(html, "text/html");
    var refused = page.querySelector("form[data-visit-form]");
    if (!refused) { return; }
    var alert = page.querySelector(".error[role=alert]");
    form.replaceWith(refused);
    var box = refused.querySelector("#visit-queue");
    if (box) {
      box.textContent = "这份离线暂存的探访记录未能保存" +
        (alert ? "：" + alert.textContent : "。") + "请更正后保存，或放弃。";
      box.hidden = false;
      var drop = document.createElement("button");
      drop.type = "button";
      drop.className = "secondary";
      drop.id = "visit-queue-drop";
      drop.textContent = "放弃这份记录";
      drop.addEventListener("click", function () {
        forget(entry.id);
        window.location.reload();
      });
      box.appendChild(document.createTextNode(" "));
      box.appendChild(drop);
    }
    watch(refused);
  }

  function resend(form) {
    if (!navigator.onLine) { return; }
    var here = form ? form.action : null;
    load().forEach(function (entry) {
      var own = entry.action === here;
      // A refused record waits for its own household's form; others are never resent.
      if (entry.refused && !own) { return; }
      send(entry)
        .then(function (response) {
          // 200: saved before; 201: saved now.
          if (response.ok) {
            forget(entry.id);
            notice("离线暂存的探访记录已提交。");
          } else if (response.status < 500) {
            var first = !entry.refused;
            markRefused(entry.id);
            if (own) {
              return response.text().then(function (html) { showRefused(form, entry, html); });
            }
            if (first) {
              notice("户号 " + entry.household + " 的离线探访记录未能保存，请打开该户的探访表单更正。");
            }
          }
        })
        .catch(function () { /* still offline: try again on the next "online" event */ });
    });
  }

  function watch(form) {
    form.addEventListener("submit", function (event) {
      remember(form);
      if (!navigator.onLine) {
        event.preventDefault();
        notice("网络未连接：探访记录已暂存在本机，联网后会自动提交。");
      }
    });
  }

  var saved = document.getElementById("visit-saved");
  if (saved) { forget(saved.getAttribute("data-saved-submission")); }

  var form = document.querySelector("form[data-visit-form]");
  if (form) {
    // The server refused this very submission and shows it with its messages: the page holds
    // it now, so the queue does not keep a second copy to resend elsewhere.
    var refusedId = form.getAttribute("data-refused-submission");
    if (refusedId) { forget(refusedId); }
    watch(form);
  }

  window.addEventListener("online", function () {
    resend(document.querySelector("form[data-visit-form]"));
  });
  resend(form);
})();
