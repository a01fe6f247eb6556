/* Avenir's embeddable lead form: one <script> tag on a client's site (any origin).
 *
 *   <script src="http://127.0.0.1:54323/form.js" data-api="http://127.0.0.1:54321"
 *           data-key="avf_..." data-lang="fr" data-target="#contact"
 *           data-fields="name:full_name,email:mail,message:body" defer></script>
 *
 * data-key   the client's public form key (submits leads only, from the client's allowed sites)
 * data-api   the API's base URL (the script posts to <api>/rest/v1/rpc/submit_lead)
 * data-lang  en or fr; else the visitor's browser language
 * data-target  a CSS selector of the site's own <form> to enhance; else the script renders one
 * data-fields  with data-target: which of the site's inputs (by name) hold name, email and message
 *
 * All logic is the database's: the API validates and answers errors in the visitor's language with
 * `details` naming the field. A network failure or a 5xx is retried with the same body (submit_lead
 * returns the first lead for the same e-mail and message within 10 minutes, so a retry never makes
 * a second lead); after the retries the visitor is told, the text stays in the form, and it is sent
 * again by itself when the browser comes back online. Every text is set with textContent.
 */
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script) return;

  var TEXT = {
    en: {
      name: "Your name", email: "Your e-mail", message: "Your message", send: "Send",
      sending: "Sending…", sent: "Thank you, your message has been sent. We will get back to you soon.",
      retrying: "The connection failed; trying again…",
      lost: "Your message could not be sent yet. It is kept in the form and will be sent again as soon as the connection is back; you can also press Send again.",
      required: "This field is required.", failed: "The message could not be sent: ",
      legend: "Contact us"
    },
    fr: {
      name: "Votre nom", email: "Votre e-mail", message: "Votre message", send: "Envoyer",
      sending: "Envoi…", sent: "Merci, votre message a bien été envoyé. Nous vous répondrons bientôt.",
      retrying: "La connexion a échoué ; nouvel essai…",
      lost: "Votre message n'a pas encore pu être envoyé. Il reste dans le formulaire et sera renvoyé dès le retour de la connexion ; vous pouvez aussi appuyer de nouveau sur Envoyer.",
      required: "Ce champ est obligatoire.", failed: "Le message n'a pas pu être envoyé : ",
      legend: "Contactez-nous"
    }
  };
  var RETRY_DELAYS_MS = [500, 1500, 3500];
  var FIELDS = ["name", "email", "message"];

  var apiBase = (script.dataset.api || "").replace(/\/+$/, "");
  var formKey = script.dataset.key || "";
  var lang = (script.dataset.lang || navigator.language || "en").slice(0, 2).toLowerCase();
  if (!TEXT[lang]) lang = "en";
  var t = TEXT[lang];
  var uid = "avenir-form-" + Math.random().toString(36).slice(2, 8);

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text != null) node.textContent = text;
    return node;
  }

  // The form and its inputs: the site's own (enhanced) or ours (rendered after the script tag).
  var form, inputs = {};
  var target = script.dataset.target ? document.querySelector(script.dataset.target) : null;
  if (target && target.tagName === "FORM") {
    form = target;
    var mapping = {};
    (script.dataset.fields || "").split(",").forEach(function (pair) {
      var p = pair.split(":");
      if (p.length === 2) mapping[p[0].trim()] = p[1].trim();
    });
    FIELDS.forEach(function (f) {
      inputs[f] = form.elements[mapping[f] || f];
    });
  } else {
    form = el("form", { "class": "avenir-form", novalidate: "", lang: lang });
    var fieldset = el("fieldset");
    fieldset.appendChild(el("legend", {}, t.legend));
    FIELDS.forEach(function (f) {
      var id = uid + "-" + f;
      var row = el("p", { "class": "avenir-form-field" });
      row.appendChild(el("label", { "for": id }, t[f]));
      var input = f === "message"
        ? el("textarea", { id: id, name: f, rows: "5", required: "", maxlength: "10000" })
        : el("input", { id: id, name: f, type: f === "email" ? "email" : "text", required: "",
                        autocomplete: f === "email" ? "email" : "name", maxlength: f === "email" ? "320" : "200" });
      row.appendChild(input);
      fieldset.appendChild(row);
      inputs[f] = input;
    });
    fieldset.appendChild(el("button", { type: "submit", "class": "avenir-form-send" }, t.send));
    form.appendChild(fieldset);
    script.parentNode.insertBefore(form, script.nextSibling);
  }
  form.setAttribute("data-avenir-form", "");

  // One error line after each field (aria-describedby) and one status line for the whole form.
  var errors = {};
  FIELDS.forEach(function (f) {
    var input = inputs[f];
    if (!input) return;
    if (!input.id) input.id = uid + "-" + f;
    var err = el("span", { id: input.id + "-error", "class": "avenir-form-error", "aria-live": "assertive",
                           "data-field-error": f });
    input.insertAdjacentElement("afterend", err);
    input.setAttribute("aria-describedby", err.id);
    errors[f] = err;
  });
  var status = el("p", { "class": "avenir-form-status", role: "status", "aria-live": "polite" });
  form.appendChild(status);
  var button = form.querySelector("button[type=submit], input[type=submit]");

  function clearErrors() {
    FIELDS.forEach(function (f) {
      if (!errors[f]) return;
      errors[f].textContent = "";
      inputs[f].removeAttribute("aria-invalid");
    });
  }

  function showFieldError(field, text) {
    errors[field].textContent = text;
    inputs[field].setAttribute("aria-invalid", "true");
    inputs[field].focus();
  }

  function setStatus(text, kind) {
    status.textContent = text;
    status.setAttribute("data-state", kind);
  }

  function sleep(ms) { return new Promise(function (resolve) { setTimeout(resolve, ms); }); }

  // One POST; resolves {status, body} for any HTTP answer, rejects on a network failure.
  function post(body) {
    return fetch(apiBase + "/rest/v1/rpc/submit_lead", {
      method: "POST", mode: "cors", credentials: "omit",
      headers: { "Content-Type": "application/json", "Accept": "application/json" },
      body: body
    }).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (json) {
        return { status: response.status, body: json };
      });
    });
  }

  var pending = null;   // the JSON body not yet acknowledged: the same bytes on every retry
  var busy = false;

  function send(body) {
    busy = true;
    if (button) button.disabled = true;
    setStatus(t.sending, "sending");
    var attempt = 0;
    function tryOnce() {
      return post(body).then(function (answer) {
        if (answer.status >= 500) throw new Error("HTTP " + answer.status);
        return answer;
      }).catch(function (err) {
        if (attempt >= RETRY_DELAYS_MS.length) throw err;
        setStatus(t.retrying, "retrying");
        return sleep(RETRY_DELAYS_MS[attempt++]).then(tryOnce);
      });
    }
    return tryOnce().then(function (answer) {
      pending = null;
      if (answer.status < 300) {
        form.reset();
        setStatus(t.sent, "sent");
        form.dispatchEvent(new CustomEvent("avenir:sent", { detail: answer.body }));
        return;
      }
      var b = answer.body || {};
      var field = FIELDS.indexOf(b.details) >= 0 && errors[b.details] ? b.details : null;
      var text = [b.message, b.hint].filter(Boolean).join(". ");
      if (field) {
        showFieldError(field, text);
        setStatus("", "invalid");
      } else {
        setStatus(t.failed + text, "refused");
      }
    }, function () {
      // Still not acknowledged: say so, keep the text, send it again when the browser is online.
      setStatus(t.lost, "lost");
    }).then(function () {
      busy = false;
      if (button) button.disabled = false;
    });
  }

  window.addEventListener("online", function () {
    if (pending && !busy) send(pending);
  });

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    if (busy) return;
    clearErrors();
    var values = {};
    for (var i = 0; i < FIELDS.length; i++) {
      var f = FIELDS[i];
      values[f] = inputs[f] ? inputs[f].value : "";
      if (!values[f].trim()) {
        showFieldError(f, t.required);
        return;
      }
    }
    // The same visitor input gives the same bytes: a retry after a lost answer is recognised.
    pending = JSON.stringify({ api_key: formKey, name: values.name, email: values.email,
                               message: values.message, language: lang });
    send(pending);
  });
})();
