// HonoStar browser runtime: CSRF for Datastar requests, theme toggle, modals, toasts.
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
      return nativeFetch.call(window, input, Object.assign({}, init, { headers }));
    }
  }
  return nativeFetch.call(window, input, init);
};

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
  for (const [id, previous] of openModals) {
    if (!ids.has(id)) {
      openModals.delete(id);
      if (previous && previous.isConnected && typeof previous.focus === 'function') previous.focus();
    }
  }
  for (const modal of present) {
    if (!openModals.has(modal.id)) {
      openModals.set(modal.id, doc.activeElement);
      focusFirst(modal);
    } else if (!modal.contains(doc.activeElement)) {
      focusFirst(modal);
    }
  }
  const app = doc.getElementById('app');
  if (app) {
    app.inert = present.length > 0;
    app.toggleAttribute('inert', present.length > 0);
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
