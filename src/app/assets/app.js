// intyg app: the little script its pages need. The server stops once no
// page holds this stream open for a while; an issue run's progress comes
// as server-sent events. Every form works without it.
"use strict";
new EventSource("/alive");

const progress = document.querySelector("[data-events]");
if (progress) {
  const bar = document.getElementById("progress");
  const text = document.getElementById("progress-text");
  const events = new EventSource(progress.dataset.events);
  events.addEventListener("progress", (e) => {
    const p = JSON.parse(e.data);
    bar.max = Math.max(p.total, 1);
    bar.value = p.done;
    text.textContent = p.text;
  });
  events.addEventListener("done", () => {
    events.close();
    window.location.reload();
  });
}

// A refused form: the first field in error gets the focus, so a keyboard
// or screen reader user lands on what to fix.
const invalid = document.querySelector("[aria-invalid=true]");
if (invalid) {
  invalid.focus();
}

// A file dropped anywhere on an upload form is chosen and sent, as if
// picked with the button.
for (const form of document.querySelectorAll("form.drop")) {
  const input = form.querySelector("input[type=file]");
  form.addEventListener("dragover", (e) => {
    e.preventDefault();
    form.classList.add("over");
  });
  form.addEventListener("dragleave", () => form.classList.remove("over"));
  form.addEventListener("drop", (e) => {
    e.preventDefault();
    form.classList.remove("over");
    if (e.dataTransfer.files.length > 0) {
      input.files = e.dataTransfer.files;
      form.requestSubmit();
    }
  });
}

// The colour picker beside a colour's hex field: each sets the other, and
// the hex field is what the form sends.
for (const picker of document.querySelectorAll("input[type=color].picker")) {
  const field = document.getElementById(picker.dataset.for);
  picker.addEventListener("input", () => {
    field.value = picker.value;
  });
  field.addEventListener("input", () => {
    if (/^#[0-9a-fA-F]{6}$/.test(field.value.trim())) {
      picker.value = field.value.trim().toLowerCase();
    }
  });
}

// A text to pass on (the web team's instructions), copied with one click.
for (const button of document.querySelectorAll("button[data-copy]")) {
  button.addEventListener("click", () => {
    const text = document.getElementById(button.dataset.copy);
    text.select();
    const done = () => {
      button.textContent = button.dataset.copied || button.textContent;
    };
    if (navigator.clipboard) {
      navigator.clipboard.writeText(text.value).then(done, () => document.execCommand("copy") && done());
    } else if (document.execCommand("copy")) {
      done();
    }
  });
}

// A wide or long list: the first cell with a problem is scrolled into the
// middle of its box, not left off to the right.
for (const box of document.querySelectorAll(".scroll")) {
  const cell = box.querySelector("td.error, td.warning");
  if (cell) {
    box.scrollLeft = Math.max(0, cell.offsetLeft - box.clientWidth / 2 + cell.offsetWidth / 2);
    box.scrollTop = Math.max(0, cell.offsetTop - box.clientHeight / 2);
  }
}
