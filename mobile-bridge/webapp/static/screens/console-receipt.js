// The printable receipt (giấy tiếp nhận hồ sơ và hẹn trả kết quả): the server's A5 page needs
// the bearer token, so it is fetched through api.js and shown from a Blob URL in a frame with a
// Print button (a new window would be blocked after an await, and a link cannot carry the token).
import { call } from '../api.js';
import { t } from '../i18n.js';
import { h, button, failure } from '../view.js';

/**
 * Opens the receipt of a dossier in a dialog over the screen.
 * @param {string} id the dossier @param {HTMLElement} [back] focused again when the dialog closes
 */
export async function openReceipt(id, back) {
  let blob;
  try {
    blob = await call('GET', `/v1/dossiers/${id}/receipt.html`, { as: 'blob' });
  } catch (err) {
    back?.after(failure(err));
    return;
  }
  const url = URL.createObjectURL(new Blob([blob], { type: 'text/html;charset=utf-8' }));
  const frame = h('iframe', { src: url, id: 'receipt-frame', title: t('dossier.receipt'), class: 'receipt-frame' });
  const dialog = h('dialog', { id: 'receipt-dialog', class: 'receipt-dialog', 'aria-labelledby': 'receipt-h' },
    h('div', { class: 'row' }, h('h3', { id: 'receipt-h' }, t('dossier.receipt')),
      button(t('console.print'), () => frame.contentWindow?.print(), { id: 'receipt-print', class: 'btn primary' }),
      button(t('console.close'), () => dialog.close(), { id: 'receipt-close' })),
    frame);
  dialog.addEventListener('close', () => { URL.revokeObjectURL(url); dialog.remove(); back?.focus(); });
  document.body.append(dialog);
  dialog.showModal();
}
