// Small DOM helpers shared by the page's scripts (app.js, manrs.js).

/** The element with this id. */
export const $ = (id) => document.getElementById(id);

/** A new `tag` element with `content` as its text (none when null) and a class. */
export function text(tag, content, className) {
  const el = document.createElement(tag);
  if (content != null) el.textContent = content;
  if (className) el.className = className;
  return el;
}

/**
 * Shows `error` in the alert element `id` (hides it when `error` is null):
 * routeguard's message, with its kind when it has one (`… (parse error)`).
 */
export function showError(id, error) {
  const el = $(id);
  if (error == null) {
    el.hidden = true;
    el.textContent = "";
    return;
  }
  const message = error instanceof Error ? error.message : String(error);
  el.textContent = error && error.kind ? `${message} (${error.kind} error)` : message;
  el.hidden = false;
}
