// The reconnect notice: Blazor reports the circuit's connection state to the dialog; this shows the
// sentence that fits it and offers the way out. A rejected circuit (the server forgot this page) can
// only be fixed by loading the page again.
const dialog = document.getElementById('components-reconnect-modal');

if (dialog) {
  const show = (state) => {
    dialog.dataset.state = state;
    if (!dialog.open) dialog.showModal();
  };

  const retry = async () => {
    document.removeEventListener('visibilitychange', retryWhenVisible);
    show('retrying');
    try {
      // true: back; false: the server answered but no longer has this page's circuit.
      if (!await Blazor.reconnect()) location.reload();
    } catch {
      show('failed');
      document.addEventListener('visibilitychange', retryWhenVisible);
    }
  };

  const detail = document.getElementById('rr-reconnect-detail');
  const describeAttempt = ({ currentAttempt, secondsToNextAttempt }) => {
    if (!detail) return;
    detail.textContent = !currentAttempt ? ''
      : secondsToNextAttempt > 0 ? `Trying again in ${secondsToNextAttempt} s (attempt ${currentAttempt}).`
      : `Trying now (attempt ${currentAttempt}).`;
  };

  const retryWhenVisible = () => {
    if (document.visibilityState === 'visible') retry();
  };

  const resume = async () => {
    try {
      if (!await Blazor.resumeCircuit()) location.reload();
    } catch {
      location.reload();
    }
  };

  dialog.addEventListener('components-reconnect-state-changed', (event) => {
    switch (event.detail.state) {
      case 'show':
      case 'retrying':
        show('retrying');
        describeAttempt(event.detail);
        break;
      case 'failed':
        show('failed');
        document.addEventListener('visibilitychange', retryWhenVisible);
        break;
      case 'paused':
        show('paused');
        break;
      case 'resume-failed':
      case 'rejected':
        location.reload();
        break;
      case 'hide':
        delete dialog.dataset.state;
        if (dialog.open) dialog.close();
        break;
    }
  });
  // Esc must not hide the notice while the page cannot act.
  dialog.addEventListener('cancel', (event) => event.preventDefault());
  document.getElementById('components-reconnect-button')?.addEventListener('click', retry);
  document.getElementById('components-resume-button')?.addEventListener('click', resume);
}
