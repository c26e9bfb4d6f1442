// Keeps an unsent visit form on the phone and sends it again once the network is back.
// Progressive: without this script the form posts normally. The server saves each
// submission_id once, so sending the same form twice never makes a second visit.
// Photos are not kept: localStorage holds text only.
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

  function remember(form) {
    var fields = [];
    new FormData(form).forEach(function (value, name) {
      if (typeof value === "string") { fields.push([name, value]); }
    });
    var id = form.elements.submission_id.value;
    var pending = load().filter(function (entry) { return entry.id !== id; });
    pending.push({ id: id, action: form.action, fields: fields });
    store(pending);
    return id;
  }

  function notice(text) {
    var box = document.getElementById("visit-queue");
    if (box) { box.textContent = text; box.hidden = false; }
  }

  function resend() {
    if (!navigator.onLine) { return; }
    load().forEach(function (entry) {
      var body = new FormData();
      entry.fields.forEach(function (pair) { body.append(pair[0], pair[1]); });
      fetch(entry.action, { method: "POST", body: body, credentials: "same-origin" })
        .then(function (response) {
          // 200: saved before; 201: saved now. Anything else stays queued for the worker.
          if (response.ok) {
            forget(entry.id);
            notice("离线暂存的探访记录已提交。");
          } else if (response.status < 500) {
            notice("有离线暂存的探访记录未能提交，请重新打开该户的探访表单核对。");
          }
        })
        .catch(function () { /* still offline: try again on the next "online" event */ });
    });
  }

  var saved = document.getElementById("visit-saved");
  if (saved) { forget(saved.getAttribute("data-saved-submission")); }

  var form = document.querySelector("form[data-visit-form]");
  if (form) {
    form.addEventListener("submit", function (event) {
      remember(form);
      if (!navigator.onLine) {
        event.preventDefault();
        notice("网络未连接：探访记录已暂存在本机，联网后会自动提交。");
      }
    });
  }

  window.addEventListener("online", resend);
  resend();
})();
