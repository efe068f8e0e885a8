// HonoStar browser runtime: CSRF for Datastar requests, upload progress, theme toggle, modals, toasts.
// Plain ES module, no build. Load it before Datastar so the fetch wrapper is in place first.
const doc = document;
const root = doc.documentElement;

// ---- CSRF ------------------------------------------------------------------------------------
// Datastar marks its requests with the Datastar-Request header. Only those, and only to this
// origin, get the token: sending it to another origin would leak it.
const nativeFetch = window.fetch;

function csrfToken() {
  const meta = doc.querySelector('meta[name="csrf-token"]');
  return meta ? meta.getAttribute('content') : null;
}

function isSameOrigin(url) {
  try {
    return new URL(url, location.href).origin === location.origin;
  } catch (e) {
    return false;
  }
}

window.fetch = function (input, init) {
  const isRequest = typeof Request !== 'undefined' && input instanceof Request;
  const url = isRequest ? input.url : String(input);
  const source = init && init.headers !== undefined ? init.headers : (isRequest ? input.headers : undefined);
  const headers = new Headers(source);
  if (headers.has('Datastar-Request') && !headers.has('X-CSRF-Token') && isSameOrigin(url)) {
    const token = csrfToken();
    if (token) {
      headers.set('X-CSRF-Token', token);
      init = Object.assign({}, init, { headers });
    }
  }
  const form = uploadingForm(url, init, headers);
  if (form) {
    return sendWithProgress(url, init, headers, form);
  }
  return nativeFetch.call(window, input, init);
};

// ---- Upload progress --------------------------------------------------------------------------
// fetch reports no upload progress. A Datastar post of a form that has a file input and a
// <progress data-hs-upload-progress> goes through XMLHttpRequest instead, which does; Datastar
// gets the answer as the Response it expects. The form is the one whose submit event just ran.
let submittedForm = null;
doc.addEventListener('submit', (e) => {
  const form = e.target;
  submittedForm = form instanceof HTMLFormElement && form.querySelector('input[type="file"]')
    && form.querySelector('progress[data-hs-upload-progress]') ? form : null;
}, true);

function uploadingForm(url, init, headers) {
  const form = submittedForm;
  if (!form || !init || !(init.body instanceof FormData) || !headers.has('Datastar-Request') || !isSameOrigin(url)) {
    return null;
  }
  submittedForm = null;
  return form;
}

function showProgress(form, loaded, total, state) {
  form.querySelectorAll('progress[data-hs-upload-progress]').forEach((bar) => {
    bar.max = total > 0 ? total : 1;
    bar.value = total > 0 ? loaded : 0;
    bar.setAttribute('data-hs-upload-state', state);
  });
}

function sendWithProgress(url, init, headers, form) {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open(init.method || 'POST', url);
    headers.forEach((value, name) => xhr.setRequestHeader(name, value));
    xhr.responseType = 'arraybuffer';
    showProgress(form, 0, 0, 'uploading');
    xhr.upload.addEventListener('progress', (e) => {
      if (e.lengthComputable) showProgress(form, e.loaded, e.total, 'uploading');
    });
    xhr.addEventListener('load', () => {
      showProgress(form, 1, 1, xhr.status >= 200 && xhr.status < 300 ? 'done' : 'error');
      const responseHeaders = new Headers();
      xhr.getAllResponseHeaders().trim().split(/[\r\n]+/).forEach((line) => {
        const at = line.indexOf(':');
        if (at > 0) responseHeaders.append(line.slice(0, at).trim(), line.slice(at + 1).trim());
      });
      const empty = xhr.status === 204 || xhr.status === 205 || xhr.status === 304;
      resolve(new Response(empty ? null : xhr.response, { status: xhr.status, statusText: xhr.statusText, headers: responseHeaders }));
    });
    xhr.addEventListener('error', () => {
      showProgress(form, 0, 0, 'error');
      reject(new TypeError('Failed to fetch'));
    });
    xhr.addEventListener('abort', () => {
      showProgress(form, 0, 0, 'error');
      reject(new DOMException('The upload was aborted.', 'AbortError'));
    });
    if (init.signal) {
      if (init.signal.aborted) {
        xhr.abort();
        return;
      }
      init.signal.addEventListener('abort', () => xhr.abort());
    }
    xhr.send(init.body);
  });
}

// ---- Theme -----------------------------------------------------------------------------------
// The server renders <html class="dark|light"> from the ds_theme cookie, so this only runs on change.
const THEME_COOKIE = 'ds_theme';
const darkQuery = window.matchMedia ? window.matchMedia('(prefers-color-scheme: dark)') : null;

function currentTheme() {
  const m = doc.cookie.match(/(?:^|;\s*)ds_theme=([^;]*)/);
  const v = m ? decodeURIComponent(m[1]) : 'system';
  return v === 'light' || v === 'dark' ? v : 'system';
}

function applyTheme(theme) {
  const dark = theme === 'dark' || (theme === 'system' && !!darkQuery && darkQuery.matches);
  root.classList.toggle('dark', dark);
  root.classList.toggle('light', !dark);
  root.setAttribute('data-theme', theme);
  doc.querySelectorAll('[data-hs-theme]').forEach((b) => {
    b.setAttribute('aria-pressed', String(b.getAttribute('data-hs-theme') === theme));
  });
}

function setTheme(theme) {
  const value = theme === 'light' || theme === 'dark' ? theme : 'system';
  const secure = location.protocol === 'https:' ? '; Secure' : '';
  doc.cookie = THEME_COOKIE + '=' + value + '; Path=/; Max-Age=31536000; SameSite=Lax' + secure;
  applyTheme(value);
  doc.dispatchEvent(new CustomEvent('hs-theme', { detail: { theme: value } }));
}

if (darkQuery) {
  darkQuery.addEventListener('change', () => {
    if (currentTheme() === 'system') applyTheme('system');
  });
}

// ---- Modals ----------------------------------------------------------------------------------
// A modal is open while a [data-hs-modal] element is in the page (the server patches it into
// #ds-overlays). Tracked by id so a morph that replaces the node keeps the focus to restore.
const FOCUSABLE = 'a[href], area[href], button:not([disabled]), input:not([disabled]):not([type="hidden"]),'
  + ' select:not([disabled]), textarea:not([disabled]), iframe, [contenteditable="true"],'
  + ' [tabindex]:not([tabindex="-1"])';
const openModals = new Map(); // id -> element that had focus before the modal opened

function focusables(el) {
  return Array.from(el.querySelectorAll(FOCUSABLE)).filter((n) => n.getClientRects().length > 0);
}

function panelOf(modal) {
  return modal.querySelector('[role="dialog"]') || modal;
}

function focusFirst(modal) {
  const panel = panelOf(modal);
  const body = panel.querySelector('.hs-modal__body');
  const target = panel.querySelector('[autofocus]')
    || (body && focusables(body)[0])
    || focusables(panel)[0]
    || panel;
  target.focus();
}

function modals() {
  return Array.from(doc.querySelectorAll('[data-hs-modal]'));
}

function closeModal(modal) {
  const event = new CustomEvent('hs-close', { bubbles: true, cancelable: true });
  // With data-hs-server-close the server owns the overlay and removes it in its next patch.
  if (modal.dispatchEvent(event) && !modal.hasAttribute('data-hs-server-close')) {
    modal.remove();
  }
}

function syncModals() {
  const present = modals();
  const ids = new Set(present.map((m) => m.id));
  // Remember what had focus before a new modal opened, before #app turns inert (which blurs it).
  const opened = present.filter((m) => !openModals.has(m.id));
  opened.forEach((m) => openModals.set(m.id, doc.activeElement));
  // Then update inertness, and only then move focus: an element inside an inert subtree cannot
  // take focus, so restoring it to the button that opened a closed modal needs #app live again.
  const app = doc.getElementById('app');
  if (app) {
    app.inert = present.length > 0;
    app.toggleAttribute('inert', present.length > 0);
  }
  for (const [id, previous] of openModals) {
    if (!ids.has(id)) {
      openModals.delete(id);
      if (previous && previous.isConnected && typeof previous.focus === 'function') previous.focus();
    }
  }
  for (const modal of present) {
    if (opened.includes(modal) || !modal.contains(doc.activeElement)) {
      focusFirst(modal);
    }
  }
}

doc.addEventListener('keydown', (e) => {
  const all = modals();
  const top = all[all.length - 1];
  if (!top) return;
  if (e.key === 'Escape') {
    e.preventDefault();
    closeModal(top);
  } else if (e.key === 'Tab') {
    const items = focusables(panelOf(top));
    if (items.length === 0) {
      e.preventDefault();
      panelOf(top).focus();
      return;
    }
    const first = items[0];
    const last = items[items.length - 1];
    if (e.shiftKey && (doc.activeElement === first || !top.contains(doc.activeElement))) {
      e.preventDefault();
      last.focus();
    } else if (!e.shiftKey && (doc.activeElement === last || !top.contains(doc.activeElement))) {
      e.preventDefault();
      first.focus();
    }
  }
});

// ---- Toasts ----------------------------------------------------------------------------------
function syncToasts() {
  doc.querySelectorAll('[data-hs-toast]:not([data-hs-armed])').forEach((toast) => {
    toast.setAttribute('data-hs-armed', '');
    const timeout = parseInt(toast.getAttribute('data-hs-timeout') || '5000', 10);
    if (timeout > 0) setTimeout(() => toast.remove(), timeout);
  });
}

// ---- Wiring ----------------------------------------------------------------------------------
doc.addEventListener('click', (e) => {
  const target = e.target instanceof Element ? e.target : null;
  if (!target) return;
  const themeButton = target.closest('[data-hs-theme]');
  if (themeButton) {
    setTheme(themeButton.getAttribute('data-hs-theme'));
    return;
  }
  const closer = target.closest('[data-hs-close]');
  if (!closer) return;
  const modal = closer.closest('[data-hs-modal]');
  if (modal) {
    e.preventDefault();
    closeModal(modal);
    return;
  }
  const toast = closer.closest('[data-hs-toast]');
  if (toast) {
    e.preventDefault();
    toast.remove();
  }
});

let queued = false;
function sync() {
  queued = false;
  syncModals();
  syncToasts();
}
new MutationObserver(() => {
  if (!queued) {
    queued = true;
    queueMicrotask(sync);
  }
}).observe(doc.body, { childList: true, subtree: true });

applyTheme(currentTheme());
sync();

window.honostar = Object.freeze({ setTheme, closeModal });

// ---- Live stream ------------------------------------------------------------------------------
// #hs-live opens the page's live stream (data-init). Datastar reconnects by itself when a tab
// becomes visible again, with the current signals and so the current topic token. When a
// stream ends (the server's lifetime limit or a drain) or its retries give up, reconnect here
// with jittered backoff, again with the current token. A 403 means the token expired while the
// tab was away (asleep, offline): only a fresh page has a valid one, so reload, at most once a
// minute.
const live = { open: 0, attempt: 0, startedAt: 0, timer: 0, forbidden: false };

function liveElement() {
  return doc.getElementById('hs-live');
}

function scheduleReconnect() {
  clearTimeout(live.timer);
  const base = Math.min(30000, 500 * Math.pow(2, live.attempt));
  live.attempt++;
  live.timer = setTimeout(() => {
    const el = liveElement();
    if (el && live.open === 0 && !doc.hidden) {
      el.dispatchEvent(new CustomEvent('hs-reconnect'));
    }
  }, base / 2 + Math.random() * base / 2);
}

function reloadOnce() {
  const last = Number(sessionStorage.getItem('hs-live-reload') || 0);
  if (Date.now() - last > 60000) {
    sessionStorage.setItem('hs-live-reload', String(Date.now()));
    location.reload();
  }
}

doc.addEventListener('datastar-fetch', (evt) => {
  const detail = evt.detail || {};
  if (!detail.el || detail.el.id !== 'hs-live') {
    return;
  }
  switch (detail.type) {
    case 'started':
      live.open++;
      live.startedAt = Date.now();
      live.forbidden = false;
      break;
    case 'error':
      live.forbidden = detail.argsRaw && String(detail.argsRaw.status) === '403';
      break;
    case 'finished':
      live.open = Math.max(0, live.open - 1);
      if (Date.now() - live.startedAt > 10000) {
        live.attempt = 0;
      }
      if (live.forbidden) {
        reloadOnce();
      } else {
        scheduleReconnect();
      }
      break;
    default:
      break;
  }
});

// ---- CSRF in patched forms ---------------------------------------------------------------------
// Regions shared by every viewer are rendered once, without anyone's CSRF token; fill it into
// their POST forms so they also work as plain form posts.
function fillCsrfFields(scope) {
  const token = csrfToken();
  if (!token || !scope.querySelectorAll) {
    return;
  }
  scope.querySelectorAll('form[method="post" i]').forEach((form) => {
    let field = form.querySelector('input[name="_csrf"]');
    if (!field) {
      field = doc.createElement('input');
      field.type = 'hidden';
      field.name = '_csrf';
      form.prepend(field);
    }
    if (field.value !== token) {
      field.value = token;
    }
  });
}

new MutationObserver((records) => {
  for (const r of records) {
    r.addedNodes.forEach((n) => {
      if (n.nodeType === 1) {
        fillCsrfFields(n.matches && n.matches('form') ? n.parentNode || n : n);
      }
    });
  }
}).observe(doc.documentElement, { childList: true, subtree: true });
fillCsrfFields(doc);
