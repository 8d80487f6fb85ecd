// "Check a PDF": a visitor drops a certificate or diploma on the site's
// start page and learns whether it is genuine, changed, revoked or
// replaced. Everything happens here, in the browser: the file is never
// sent anywhere. What the check needs (the register's checksums and the
// signed status list) is fetched when the page loads, so the check also
// works after the network is gone. The issuer's key is in the page itself.
//
// The PDF's attached credential.jwt (a VC-JWT) is verified with WebCrypto
// (Ed25519), its bit read from the status list (W3C Bitstring Status
// List), and the file's SHA-256 compared with the register's.
"use strict";
(function () {
  var section = document.getElementById("check");
  if (!section) { return; }
  var words = JSON.parse(document.getElementById("check-words").textContent);
  var out = document.getElementById("verdict");
  var input = document.getElementById("pdf");
  var te = new TextDecoder();

  function b64(s) {
    s = s.replace(/-/g, "+").replace(/_/g, "/");
    var bin = atob(s + "===".slice((s.length + 3) % 4));
    var b = new Uint8Array(bin.length);
    for (var i = 0; i < bin.length; i++) { b[i] = bin.charCodeAt(i); }
    return b;
  }
  function hex(buf) {
    return Array.from(new Uint8Array(buf), function (x) { return x.toString(16).padStart(2, "0"); }).join("");
  }
  function inflate(bytes, format) {
    var s = new Blob([bytes]).stream().pipeThrough(new DecompressionStream(format));
    return new Response(s).arrayBuffer().then(function (b) { return new Uint8Array(b); });
  }
  function fetched(path, as) {
    return fetch(path, { cache: "no-cache" }).then(function (r) {
      if (!r.ok) { throw new Error(path + ": " + r.status); }
      return r[as]();
    });
  }
  // A compact JWS verified with `key`: its payload, or null.
  function verify(token, key) {
    var p = token.trim().split(".");
    if (p.length !== 3) { return Promise.resolve(null); }
    var header;
    try { header = JSON.parse(te.decode(b64(p[0]))); } catch (e) { return Promise.resolve(null); }
    if (header.alg !== "EdDSA") { return Promise.resolve(null); }
    var data = new TextEncoder().encode(p[0] + "." + p[1]);
    return crypto.subtle.verify({ name: "Ed25519" }, key, b64(p[2]), data).then(function (ok) {
      return ok ? JSON.parse(te.decode(b64(p[1]))) : null;
    }, function () { return null; });
  }

  // What the check needs, fetched once as the page loads.
  var jwk = section.getAttribute("data-key");
  var key = jwk ? crypto.subtle.importKey("jwk", { kty: "OKP", crv: "Ed25519", x: jwk }, { name: "Ed25519" }, false, ["verify"]) : Promise.resolve(null);
  var index = fetched("index.json", "json");
  var list = key.then(function (k) {
    if (!k || !section.hasAttribute("data-status")) { return null; }
    return fetched(section.getAttribute("data-status"), "text").then(function (t) { return verify(t, k); }).then(function (c) {
      if (!c || !c.credentialSubject || c.credentialSubject.statusPurpose !== "revocation") { return null; }
      return inflate(b64(c.credentialSubject.encodedList.slice(1)), "gzip").then(function (bits) { return { url: c.id, bits: bits }; });
    });
  }).catch(function () { return null; });
  var ready = Promise.all([key, index, list]);
  ready.then(function () { section.setAttribute("data-ready", "true"); }, function () {});

  // The attached files of a PDF that may be credentials: each stream of
  // type EmbeddedFile, unpacked. A wrong guess cannot pass: what is found
  // must carry the issuer's signature.
  function attachments(bytes) {
    var text = new TextDecoder("latin1").decode(bytes);
    var re = /<<((?:(?!>>\s*stream)[\s\S]){0,600}?\/Type\s*\/EmbeddedFile[\s\S]{0,600}?)>>\s*stream\r?\n/g;
    var found = [], m;
    while ((m = re.exec(text)) !== null) {
      var dict = m[1], start = m.index + m[0].length;
      var len = /\/Length\s+(\d+)(?!\s+\d+\s+R)/.exec(dict);
      var end = len ? start + Number(len[1]) : text.indexOf("endstream", start);
      var raw = bytes.subarray(start, end);
      found.push(/\/FlateDecode/.test(dict) ? inflate(raw, "deflate").catch(function () { return null; }) : Promise.resolve(raw));
    }
    return Promise.all(found).then(function (all) {
      return all.filter(Boolean).map(function (b) { return te.decode(b).trim(); }).filter(function (t) { return /^[\w-]+\.[\w-]+\.[\w-]+$/.test(t); });
    });
  }

  function day(s) {
    if (!s) { return ""; }
    var d = new Date(s.slice(0, 10) + "T12:00:00Z");
    return d.toLocaleDateString(words.locale, { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });
  }
  function say(kind, head, text, facts) {
    out.textContent = "";
    out.className = "checked-pdf " + kind;
    var p = document.createElement("p");
    var strong = document.createElement("strong");
    strong.textContent = head;
    p.appendChild(strong);
    p.appendChild(document.createTextNode(" " + text));
    out.appendChild(p);
    if (facts && facts.length) {
      var dl = document.createElement("dl");
      facts.forEach(function (f) {
        if (!f[1]) { return; }
        var dt = document.createElement("dt"), dd = document.createElement("dd");
        dt.textContent = f[0];
        dd.textContent = f[1];
        dl.appendChild(dt);
        dl.appendChild(dd);
      });
      out.appendChild(dl);
    }
  }
  function w(name, values) {
    return words[name].replace(/\{(\w+)\}/g, function (_, k) { return values && values[k] !== undefined ? values[k] : ""; });
  }

  function check(file) {
    say("working", w("working"), file.name);
    var bytes;
    file.arrayBuffer().then(function (b) {
      bytes = new Uint8Array(b);
      return Promise.all([crypto.subtle.digest("SHA-256", bytes), ready]);
    }).then(function (r) {
      var sha = hex(r[0]), k = r[1][0], docs = r[1][1].documents, status = r[1][2];
      var head = te.decode(bytes.subarray(0, 5));
      if (head !== "%PDF-") { return say("bad", w("unknown_head"), w("not_pdf")); }
      return attachments(bytes).then(function (tokens) {
        return k ? Promise.all(tokens.map(function (t) { return verify(t, k); })) : [];
      }).then(function (claims) {
        var c = claims.filter(Boolean)[0] || null;
        if (!c && claims.length) { return say("bad", w("changed_head"), w("forged")); }
        var id = c ? decodeURIComponent(String(c.id).split("/").pop()) : null;
        var doc = docs.find(function (d) { return id ? d.id === id : d.sha256 === sha; });
        if (!doc) { return say("bad", w("unknown_head"), w("unknown")); }
        if (doc.sha256 ? doc.sha256 !== sha : !c) { return say("bad", w("changed_head"), w("changed", { id: doc.id })); }
        var subject = c ? c.credentialSubject : {};
        var facts = [
          [w("holder"), (subject.identifier && subject.identifier[0].identityHash) || doc.holder],
          [w("what"), (subject.achievement && subject.achievement.name) || doc.scheme],
          [w("id"), doc.id],
          [w("from"), day(c ? c.validFrom : doc.awarded)],
          [w("until"), day(c ? c.validUntil : doc.valid_until)],
        ];
        var entry = c && c.credentialStatus;
        var bit = false;
        if (entry && status && entry.statusListCredential === status.url) {
          var i = Number(entry.statusListIndex);
          bit = (status.bits[i >> 3] & (0x80 >> (i & 7))) !== 0;
        }
        if (doc.status === "superseded") { return say("bad", w("replaced_head"), w("replaced", { id: doc.id, by: doc.superseded_by || "" }), facts); }
        if (bit || doc.status === "revoked") { return say("bad", w("revoked_head"), w("revoked", { id: doc.id }), facts); }
        var until = c ? c.validUntil : doc.valid_until;
        if (doc.status === "expired" || (until && new Date(until) < new Date())) {
          return say("bad", w("expired_head"), w("expired", { id: doc.id, date: day(until) }), facts);
        }
        return say("ok", w("genuine_head"), w(c ? "genuine" : "genuine_unsigned", { id: doc.id }), facts);
      });
    }).catch(function () {
      say("bad", w("offline_head"), w("offline"));
    });
  }

  input.addEventListener("change", function () { if (input.files.length) { check(input.files[0]); } });
  section.addEventListener("dragover", function (e) { e.preventDefault(); section.classList.add("over"); });
  section.addEventListener("dragleave", function () { section.classList.remove("over"); });
  section.addEventListener("drop", function (e) {
    e.preventDefault();
    section.classList.remove("over");
    if (e.dataTransfer.files.length) { check(e.dataTransfer.files[0]); }
  });
})();
