// Small view helpers: every element is made with createElement and every text with textContent,
// so data from the server or a person can never become markup (no innerHTML anywhere).
import { t } from './i18n.js';
import { ApiError } from './api.js';

/** @typedef {string | number | Node | null | undefined | false} Child */
/** @typedef {Child | Child[] | (Child | Child[] | (Child | Child[])[])[]} Nodes children nested up to three deep (flattened when placed) */

/**
 * h('button', {class: 'primary', onclick: f}, 'Đặt lịch')
 * @template {keyof HTMLElementTagNameMap} K
 * @param {K} tag
 * @param {Record<string, any> | null} [attrs] on* → listeners; true/false → present/absent
 * @param {...Nodes} children
 * @returns {HTMLElementTagNameMap[K]}
 */
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
    else if (k === 'class') el.className = v;
    else if (k === 'text') el.textContent = v;
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  append(el, children);
  return el;
}

/** @param {Element} el @param {Nodes[]} children */
function append(el, children) {
  for (const c of /** @type {Child[]} */ (children.flat(Infinity))) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
}

/** Replaces an element's content. @param {Element} el @param {...Nodes} children */
export function put(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

/** The screen's heading, focused for screen readers when the screen changes. */
export const title = (/** @type {string} */ text) => h('h2', { id: 'screen-title', tabindex: '-1' }, text);

/** A link inside the app (the router catches it). */
export const link = (/** @type {string} */ href, /** @type {Nodes[]} */ ...children) => h('a', { href }, ...children);

/** A large button. */
export const button = (/** @type {string} */ text, /** @type {(e: Event) => void} */ onclick, attrs = {}) =>
  h('button', { type: 'button', class: 'btn', onclick, ...attrs }, text);

/** An empty list saying what is empty. */
export const empty = (/** @type {string} */ text) => h('p', { class: 'empty' }, text);

/** A spinner line while a screen loads. */
export const loading = () => h('p', { class: 'muted', role: 'status' }, t('loading'));

/**
 * A labelled input with its hint and its own error line (filled from the server's field message).
 * @param {string} name the API's field name, used as the id
 * @param {string} label
 * @param {Record<string, any>} [attrs] for the input (type, required, autocomplete…)
 * @param {string} [hint] shown before anything is typed (e.g. the password rule)
 */
export function field(name, label, attrs = {}, hint) {
  const input = attrs.tag === 'select' ? h('select', { id: name, name, ...attrs, tag: null }, ...(attrs.options || []))
    : attrs.tag === 'textarea' ? h('textarea', { id: name, name, ...attrs, tag: null })
      : h('input', { id: name, name, type: 'text', ...attrs });
  input.removeAttribute('options');
  const ids = [hint ? name + '-hint' : '', name + '-error'].filter(Boolean).join(' ');
  input.setAttribute('aria-describedby', ids);
  return h('div', { class: 'field' },
    h('label', { for: name }, label),
    hint ? h('p', { class: 'hint', id: name + '-hint' }, hint) : null,
    input,
    h('p', { class: 'field-error', id: name + '-error' }));
}

/** An <option>. */
export const option = (/** @type {string} */ value, /** @type {string} */ text, selected = false) =>
  h('option', { value, selected }, text);

/**
 * Shows an API error on a form: each field's message beside its field, the summary at the top.
 * @param {HTMLElement} form
 * @param {unknown} err
 */
export function showError(form, err) {
  for (const el of form.querySelectorAll('.field-error')) el.textContent = '';
  for (const el of form.querySelectorAll('[aria-invalid]')) el.removeAttribute('aria-invalid');
  let box = /** @type {HTMLElement | null} */ (form.querySelector('.form-error'));
  if (!box) { box = h('p', { class: 'form-error', role: 'alert' }); form.prepend(box); }
  const e = err instanceof ApiError ? err : new ApiError(500, 'unexpected', String(err));
  let placed = 0;
  for (const [name, msg] of Object.entries(e.fields)) {
    const input = form.querySelector('#' + CSS.escape(name));
    const line = form.querySelector('#' + CSS.escape(name + '-error'));
    if (input && line) { line.textContent = msg; input.setAttribute('aria-invalid', 'true'); placed++; }
  }
  const rest = Object.entries(e.fields).filter(([n]) => !form.querySelector('#' + CSS.escape(n + '-error'))).map(([, m]) => m);
  box.textContent = e.offline ? t('offline') : [placed ? t('form.fix') : e.message, ...rest].filter(Boolean).join(' ');
}

/** A whole-screen error (a failed load). @param {unknown} err */
export function failure(err) {
  const msg = err instanceof ApiError ? (err.offline ? t('offline') : err.message) : String(err);
  return h('p', { class: 'form-error', role: 'alert' }, msg);
}

/** Reads a form's named controls into an object of trimmed strings. @param {HTMLFormElement} form */
export function values(form) {
  /** @type {Record<string, string>} */
  const out = {};
  for (const [k, v] of new FormData(form)) if (typeof v === 'string') out[k] = v.trim();
  return out;
}

/**
 * Wires a form's submit to an async action with the button disabled meanwhile and errors shown.
 * @param {HTMLFormElement} form
 * @param {(v: Record<string, string>) => Promise<void>} action
 */
export function onSubmit(form, action) {
  form.addEventListener('submit', async e => {
    e.preventDefault();
    const btn = /** @type {HTMLButtonElement | null} */ (form.querySelector('button[type=submit]'));
    if (btn) btn.disabled = true;
    try { await action(values(form)); } catch (err) { showError(form, err); } finally { if (btn) btn.disabled = false; }
  });
  return form;
}
