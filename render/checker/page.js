// The checker page: starts the WebAssembly checker, hands it the dropped or chosen files and
// shows what it returns. Nothing here sends anything anywhere; the CSP forbids it anyway.
(function () {
  "use strict";
  var status = document.getElementById("status");
  var input = document.getElementById("file");
  var drop = document.getElementById("drop");
  var results = document.getElementById("results");
  var ready = false;
  var runs = 0;

  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    for (var k in attrs || {}) { e.setAttribute(k, attrs[k]); }
    if (text !== undefined) { e.textContent = text; }
    return e;
  }

  function fail(msg) {
    status.textContent = msg;
    status.className = "status fail";
    status.setAttribute("role", "alert");
    window.zaitakuState = "failed";
  }

  // start decodes and gunzips the embedded program, runs it and waits for zaitakuReady.
  async function start() {
    if (typeof WebAssembly !== "object" || typeof DecompressionStream !== "function" || typeof Go !== "function") {
      throw new Error("このブラウザーでは確認できません。最新の Microsoft Edge か Google Chrome で開いてください。");
    }
    window.zaitakuConfig = document.getElementById("zaitaku-config").textContent;
    var bin = atob(document.getElementById("zaitaku-wasm").textContent.trim());
    var gz = new Uint8Array(bin.length);
    for (var i = 0; i < bin.length; i++) { gz[i] = bin.charCodeAt(i); }
    var stream = new Blob([gz]).stream().pipeThrough(new DecompressionStream("gzip"));
    var wasm = await new Response(stream).arrayBuffer();
    var go = new Go();
    var readyP = new Promise(function (resolve, reject) {
      window.zaitakuReady = function (err) { if (err) { reject(new Error(err)); } else { resolve(); } };
    });
    var inst = await WebAssembly.instantiate(wasm, go.importObject);
    var exited = go.run(inst.instance);
    await Promise.race([readyP, exited.then(function () { throw new Error("確認の処理が止まりました"); })]);
  }

  function readAll(files) {
    return Promise.all(Array.prototype.map.call(files, function (f) {
      return f.arrayBuffer().then(function (b) { return { name: f.name, data: new Uint8Array(b) }; });
    }));
  }

  async function checkFiles(files) {
    if (!ready || files.length === 0) { return; }
    status.textContent = "確認しています…";
    var t0 = performance.now();
    var out;
    try {
      var given = await readAll(files);
      out = window.zaitakuCheck(given);
      if (!out || out.error) { throw new Error(out ? out.error : "結果がありません"); }
    } catch (e) {
      showError("確認中に問題が起きました。このページを開き直してもう一度お試しください。（" + (e && e.message ? e.message : e) + "）");
      status.textContent = "確認できませんでした";
      return;
    }
    var res = JSON.parse(out.result);
    window.zaitakuLast = { result: res, annotated: out.annotated, ms: performance.now() - t0 };
    show(res, out.annotated);
    status.textContent = "確認しました（" + res.files.length + " ファイル）。結果は下の「確認結果」にあります。";
    window.zaitakuState = "checked";
    window.zaitakuRuns = ++runs;
  }

  function showError(msg) {
    clear();
    results.appendChild(el("p", { "class": "fatal", role: "alert" }, msg));
  }

  function clear() {
    while (results.firstChild) { results.removeChild(results.firstChild); }
  }

  function show(res, annotated) {
    clear();
    var run = el("div", { "class": "run", id: "run" });
    if (res.note) { run.appendChild(el("p", { "class": "note", id: "note" }, res.note)); }
    res.files.forEach(function (f, i) { run.appendChild(fileBlock(f, annotated[i], i)); });
    if (res.verdict) { run.appendChild(el("p", { "class": "verdict", id: "verdict" }, res.verdict)); }
    run.appendChild(el("pre", { id: "cli-json", hidden: "" }, res.json));
    results.appendChild(run);
  }

  // copyButton copies text, saying whether it could.
  function copyButton(text) {
    var b = el("button", { type: "button", "class": "copy" }, "表示をコピー");
    b.addEventListener("click", function () {
      navigator.clipboard.writeText(text).then(function () { b.textContent = "コピーしました"; },
        function () { b.textContent = "コピーできませんでした（表示を選んでコピーしてください）"; });
    });
    return b;
  }

  function fileBlock(f, annotated, i) {
    var div = el("div", { "class": "file", "data-file": f.name });
    div.appendChild(el("h3", {}, f.name));
    var cls = f.errors > 0 ? "bad" : (f.warnings > 0 ? "warn" : "ok");
    div.appendChild(el("p", { "class": "summary " + cls }, f.summary));
    if (f.rows.length > 0) {
      var t = el("table");
      t.appendChild(el("caption", {}, f.name + " の確認結果（" + f.rows.length + " 件）"));
      var head = el("tr");
      ["重さ", "シート!セル", "内容"].forEach(function (s) { head.appendChild(el("th", { scope: "col" }, s)); });
      t.appendChild(el("thead")).appendChild(head);
      var body = el("tbody");
      f.rows.forEach(function (r) {
        var tr = el("tr", { "class": r.severity });
        var lvl = el("td", { "class": "lvl" });
        lvl.appendChild(el("span", { "class": "level " + r.severity }, r.level));
        tr.appendChild(lvl);
        tr.appendChild(el("td", { "class": "where" }, r.where));
        tr.appendChild(el("td", {}, r.message));
        body.appendChild(tr);
      });
      t.appendChild(body);
      div.appendChild(t);
    }
    if (annotated) {
      var b = el("button", { type: "button", "class": "save", "data-index": String(i) }, "印を付けた写しを保存");
      b.setAttribute("aria-describedby", "save-note-" + i);
      b.addEventListener("click", function () { save(annotated, f.annotated_name); });
      div.appendChild(b);
      div.appendChild(el("span", { id: "save-note-" + i }, "（" + f.annotated_name + "：不備のセルに色とコメントを付けた写し。元のファイルは変わりません）"));
    }
    div.appendChild(el("h4", {}, "zaitaku validate の表示"));
    div.appendChild(el("pre", { "class": "cli" }, f.text));
    div.appendChild(copyButton(f.text));
    div.appendChild(el("pre", { "class": "file-json", hidden: "" }, f.json));
    return div;
  }

  function save(bytes, name) {
    var blob = new Blob([bytes], { type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" });
    var a = el("a", { href: URL.createObjectURL(blob), download: name });
    document.body.appendChild(a);
    a.click();
    setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 60000);
  }

  input.addEventListener("change", function () { checkFiles(input.files); });
  ["dragenter", "dragover"].forEach(function (ev) {
    document.addEventListener(ev, function (e) { e.preventDefault(); drop.classList.add("over"); });
  });
  ["dragleave", "dragend"].forEach(function (ev) {
    document.addEventListener(ev, function () { drop.classList.remove("over"); });
  });
  document.addEventListener("drop", function (e) {
    e.preventDefault();
    drop.classList.remove("over");
    if (e.dataTransfer && e.dataTransfer.files) { checkFiles(e.dataTransfer.files); }
  });

  window.zaitakuState = "starting";
  var t0 = performance.now();
  start().then(function () {
    ready = true;
    input.disabled = false;
    status.textContent = "準備ができました。回答票を選んでください。";
    window.zaitakuReadyMs = performance.now() - t0;
    window.zaitakuState = "ready";
  }, function (e) {
    fail("確認の準備ができませんでした。" + (e && e.message ? e.message : e));
  });
})();
