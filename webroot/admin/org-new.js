// A new organisation.

import { replace, pageHeader } from '../ui/dom.js';
import { createOrgForm } from './org-forms.js';

export function render(container, params, { navigate }) {
  replace(container, pageHeader('New organisation'), createOrgForm(navigate));
}
