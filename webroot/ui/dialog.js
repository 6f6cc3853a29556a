// Modal dialogs on the native <dialog> element: focus moves into it, Escape closes it, and focus
// returns to where it was.

import { h } from './dom.js';

/**
 * Opens a modal with `title` and `body` (nodes). `actions` are `{label, kind, onClick}`; an action
 * whose onClick resolves to false keeps the dialog open. Resolves with the chosen action's label,
 * or null when dismissed.
 */
export function openDialog(title, body, actions = [{ label: 'Close' }]) {
  return new Promise((resolve) => {
    const previous = document.activeElement;
    const titleId = `dialog-title-${Date.now()}`;
    const dialog = h('dialog', { class: 'dialog', 'aria-labelledby': titleId });
    const buttons = actions.map((action) => h('button', {
      type: 'button',
      class: action.kind ? `button-${action.kind}` : null,
      text: action.label,
      onClick: async () => {
        const keep = action.onClick ? await action.onClick() : true;
        if (keep !== false) {
          close(action.label);
        }
      },
    }));
    dialog.append(
      h('h2', { id: titleId, text: title }),
      h('div', { class: 'dialog-body' }, body),
      h('div', { class: 'dialog-actions' }, buttons));
    function close(result) {
      dialog.close();
      dialog.remove();
      if (previous && previous.focus) {
        previous.focus();
      }
      resolve(result);
    }
    dialog.addEventListener('cancel', (event) => {
      event.preventDefault();
      close(null);
    });
    document.body.append(dialog);
    dialog.showModal();
    const first = dialog.querySelector('input, select, textarea') || buttons[buttons.length - 1];
    if (first) {
      first.focus();
    }
  });
}

/** Asks a yes/no question; resolves true when confirmed. */
export async function confirmDialog(title, question, confirmLabel = 'Confirm', kind = 'danger') {
  const answer = await openDialog(title, [h('p', { text: question })],
    [{ label: 'Cancel' }, { label: confirmLabel, kind }]);
  return answer === confirmLabel;
}
