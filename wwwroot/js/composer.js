// Mention picking happens in the browser: inserting the name here, then announcing it as ordinary
// input, keeps it in order with whatever the person types next (a round trip to the server first
// would let fast typing overtake it).

const trailingMention = /(^|\s)@([^\s@][^@\n]{0,40})?$/;

export function attach(container) {
  const input = container.querySelector('textarea');

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
    if (e.key !== 'Tab' || e.shiftKey) return;
    const first = container.querySelector('.rr-mention-option');
    if (!first) return;
    e.preventDefault();
    pick(first);
  };

  container.addEventListener('mousedown', onMouseDown);
  container.addEventListener('click', onClick);
  input.addEventListener('keydown', onKeyDown);
  return {
    dispose: () => {
      container.removeEventListener('mousedown', onMouseDown);
      container.removeEventListener('click', onClick);
      input.removeEventListener('keydown', onKeyDown);
    },
  };
}
