// Mention picking happens in the browser: inserting the name here, then announcing it as ordinary
// input, keeps it in order with whatever the person types next (a round trip to the server first
// would let fast typing overtake it).

const trailingMention = /(^|\s)@([^\s@][^@\n]{0,40})?$/;

export function attach(container, autofocus) {
  const input = container.querySelector('textarea');
  let active = 0;
  const options = () => [...container.querySelectorAll('.rr-mention-option')];
  const highlight = () => options().forEach((o, i) => {
    o.classList.toggle('rr-mention-active', i === active);
    o.setAttribute('aria-selected', i === active ? 'true' : 'false');
  });

  const pick = (option) => {
    const name = option.dataset.name;
    const match = trailingMention.exec(input.value);
    if (!name || !match) return;
    const start = match.index + match[1].length;
    input.value = input.value.slice(0, start) + '@' + name + ' ';
    input.focus();
    input.setSelectionRange(input.value.length, input.value.length);
    input.dispatchEvent(new Event('input', { bubbles: true }));
  };

  const onMouseDown = (e) => {
    // Keep focus (and the caret) in the note box while a name is clicked.
    if (e.target.closest('.rr-mention-option')) e.preventDefault();
  };
  const onClick = (e) => {
    const option = e.target.closest('.rr-mention-option');
    if (option) pick(option);
  };
  const onKeyDown = (e) => {
    const shown = options();
    if (shown.length === 0) {
      active = 0;
      return;
    }
    active = Math.min(active, shown.length - 1);
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      active = (active + (e.key === 'ArrowDown' ? 1 : shown.length - 1)) % shown.length;
      highlight();
      e.preventDefault();
    } else if ((e.key === 'Tab' && !e.shiftKey) || (e.key === 'Enter' && !e.ctrlKey && !e.metaKey && !e.shiftKey)) {
      e.preventDefault();
      pick(shown[active]);
      active = 0;
    }
  };
  const onInput = () => {
    active = 0;
    // The list is drawn by the server after this input; mark the first name once it is there.
    requestAnimationFrame(() => requestAnimationFrame(highlight));
  };

  container.addEventListener('mousedown', onMouseDown);
  container.addEventListener('click', onClick);
  input.addEventListener('keydown', onKeyDown);
  input.addEventListener('input', onInput);
  // The box opens with the caret after its text, unless the person got there first: the script arrives a moment
  // after the box, and moving the caret then would put what they select and type after the old text.
  if (autofocus && document.activeElement !== input) {
    input.focus();
    input.setSelectionRange(input.value.length, input.value.length);
  }
  return {
    dispose: () => {
      container.removeEventListener('mousedown', onMouseDown);
      container.removeEventListener('click', onClick);
      input.removeEventListener('keydown', onKeyDown);
      input.removeEventListener('input', onInput);
    },
  };
}
