// Actions that cannot be undone (lock a manifest, hand a person over, issue an invoice) ask first:
// a form marked data-confirm="…" opens the layout's USWDS modal with that text, and only the modal's
// confirm button submits it. Without JavaScript the form submits as before (the server still checks everything).
(() => {
  const opener = document.getElementById('confirm-modal-opener');
  const text = document.getElementById('confirm-modal-description');
  const ok = document.getElementById('confirm-modal-ok');
  if (!opener || !text || !ok) {
    return;
  }
  let pending = null;
  document.addEventListener('submit', event => {
    const form = event.target;
    if (!(form instanceof HTMLFormElement) || !form.dataset.confirm || form.dataset.confirmed === 'yes') {
      return;
    }
    event.preventDefault();
    pending = { form, submitter: event.submitter };
    text.textContent = form.dataset.confirm;
    ok.textContent = form.dataset.confirmButton || ok.dataset.defaultText;
    opener.click();
  }, true);
  ok.addEventListener('click', () => {
    if (!pending) {
      return;
    }
    const { form, submitter } = pending;
    pending = null;
    form.dataset.confirmed = 'yes';
    form.requestSubmit(submitter || undefined);
  });
})();
