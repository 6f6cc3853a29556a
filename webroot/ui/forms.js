// Forms: labelled fields, errors from the API shown next to the field they concern, and a busy
// state while a request runs.

import { h } from './dom.js';

let counter = 0;

/**
 * A labelled field. `control` is an input, select or textarea (given a `name`); the field's error
 * message appears under it. Returns the wrapper; `wrapper.control` is the control.
 */
export function field(label, control, { hint, name } = {}) {
  counter += 1;
  const id = control.id || `f${counter}`;
  control.id = id;
  if (name) {
    control.name = name;
  }
  const hintId = hint ? `${id}-hint` : null;
  const errorId = `${id}-error`;
  control.setAttribute('aria-describedby', [hintId, errorId].filter(Boolean).join(' '));
  const wrapper = h('div', { class: 'field', dataset: { field: control.name || '' } },
    h('label', { for: id, text: label }),
    control,
    hint ? h('p', { class: 'hint', id: hintId, text: hint }) : null,
    h('p', { class: 'field-error', id: errorId, hidden: true }));
  wrapper.control = control;
  return wrapper;
}

/** An `<input>` with the given attributes. */
export const input = (attrs) => h('input', { type: 'text', ...attrs });

/** A `<select>` from `[value, label]` pairs. */
export function select(options, attrs = {}, selected) {
  return h('select', attrs, options.map(([value, label]) =>
    h('option', { value, selected: String(value) === String(selected) ? true : null, text: label })));
}

/** Reads a number input: a number, or undefined when empty. */
export function numberValue(control) {
  const text = control.value.trim();
  return text === '' ? undefined : Number(text);
}

/** The block at the top of a form for errors that concern no single field. */
export function formStatus() {
  return h('div', { class: 'form-status', role: 'alert', 'aria-live': 'assertive', hidden: true });
}

/** Removes every error shown in `form`. */
export function clearErrors(form) {
  form.querySelectorAll('.field-error').forEach((p) => {
    p.hidden = true;
    p.textContent = '';
  });
  form.querySelectorAll('[aria-invalid]').forEach((c) => c.removeAttribute('aria-invalid'));
  const status = form.querySelector('.form-status');
  if (status) {
    status.hidden = true;
    status.textContent = '';
  }
}

/**
 * Shows an API error in `form`: each field error (a JSON pointer such as `/rotator/azimuth/min`)
 * and a service's rule error (`detail` starting `name: …`) next to the field whose name is the
 * pointer's first segment, anything else at the top. Focuses the first field in error.
 */
export function showErrors(form, error) {
  clearErrors(form);
  const unplaced = [];
  const problems = error && Array.isArray(error.errors) ? error.errors : [];
  for (const problem of problems) {
    const name = String(problem.field || '').split('/').filter(Boolean)[0];
    const where = problem.field && problem.field !== '/' ? `${problem.field.slice(1)}: ` : '';
    if (!placeError(form, name, `${where}${problem.message}`)) {
      unplaced.push(`${problem.field || ''} ${problem.message}`.trim());
    }
  }
  if (!problems.length) {
    const detail = (error && (error.detail || error.message)) || 'something went wrong';
    const match = /^([A-Za-z][\w.[\]/-]*):\s/.exec(detail);
    const name = match ? match[1].split(/[./[]/)[0] : null;
    if (!placeError(form, name, detail)) {
      unplaced.push(detail);
    }
  } else if (error.detail && unplaced.length === problems.length) {
    unplaced.unshift(error.detail);
  }
  if (unplaced.length) {
    const status = form.querySelector('.form-status');
    if (status) {
      status.replaceChildren(...unplaced.map((text) => h('p', { text })));
      status.hidden = false;
    }
  }
  const first = form.querySelector('[aria-invalid="true"]');
  if (first) {
    first.focus();
  } else {
    const status = form.querySelector('.form-status');
    if (status && !status.hidden) {
      status.setAttribute('tabindex', '-1');
      status.focus();
    }
  }
}

function placeError(form, name, message) {
  if (!name) {
    return false;
  }
  const wrapper = form.querySelector(`.field[data-field="${CSS.escape(name)}"]`);
  if (!wrapper) {
    return false;
  }
  const p = wrapper.querySelector('.field-error');
  p.textContent = p.textContent ? `${p.textContent} ${message}` : message;
  p.hidden = false;
  const control = wrapper.querySelector('input, select, textarea, [tabindex]');
  if (control) {
    control.setAttribute('aria-invalid', 'true');
  }
  return true;
}

/**
 * Runs `action` for a form's submission: disables its buttons and shows `busyText` on the submit
 * button while it runs, shows an ApiError in the form, and resolves with the action's result
 * (undefined after an error).
 */
export async function submitting(form, action, busyText = 'Saving…') {
  const buttons = [...form.querySelectorAll('button')];
  const submit = form.querySelector('button[type="submit"]');
  const label = submit ? submit.textContent : null;
  buttons.forEach((b) => { b.disabled = true; });
  form.setAttribute('aria-busy', 'true');
  if (submit) {
    submit.textContent = busyText;
  }
  clearErrors(form);
  try {
    return await action();
  } catch (error) {
    showErrors(form, error);
    return undefined;
  } finally {
    buttons.forEach((b) => { b.disabled = false; });
    form.removeAttribute('aria-busy');
    if (submit) {
      submit.textContent = label;
    }
  }
}
