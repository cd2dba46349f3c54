// Hover previews from a take's filmstrip sprite: tile i shows frame i * framesPerTile.
export function attach(bar, dotnet, sheet) {
    if (!bar) return { dispose() { } };
    const preview = bar.querySelector('.rr-filmstrip-preview');
    const tile = preview.querySelector('.rr-filmstrip-tile');
    const label = preview.querySelector('.rr-filmstrip-time');
    tile.style.width = `${sheet.tileWidth}px`;
    tile.style.height = `${sheet.tileHeight}px`;
    tile.style.backgroundImage = `url("${sheet.url}")`;
    tile.style.backgroundSize = `${sheet.columns * sheet.tileWidth}px ${sheet.rows * sheet.tileHeight}px`;

    const frameAt = clientX => {
        const box = bar.getBoundingClientRect();
        const fraction = Math.min(1, Math.max(0, (clientX - box.left) / box.width));
        return Math.min(sheet.durationFrames - 1, Math.floor(fraction * sheet.durationFrames));
    };
    const onMove = event => {
        const frame = frameAt(event.clientX);
        const index = Math.min(sheet.tileCount - 1, Math.floor(frame / sheet.framesPerTile));
        tile.style.backgroundPosition = `-${(index % sheet.columns) * sheet.tileWidth}px -${Math.floor(index / sheet.columns) * sheet.tileHeight}px`;
        label.textContent = sheet.labels[index] ?? '';
        const box = bar.getBoundingClientRect();
        const half = sheet.tileWidth / 2;
        preview.style.left = `${Math.min(box.width - half, Math.max(half, event.clientX - box.left))}px`;
        preview.dataset.tile = String(index);
        preview.hidden = false;
    };
    const onLeave = () => { preview.hidden = true; };
    const onClick = event => dotnet.invokeMethodAsync('SeekFromFilmstrip', frameAt(event.clientX));
    bar.addEventListener('mousemove', onMove);
    bar.addEventListener('mouseleave', onLeave);
    bar.addEventListener('click', onClick);
    // Hovering works from here on (a pointer that arrived earlier shows its tile on its next move).
    bar.dataset.ready = 'true';
    return {
        dispose() {
            bar.removeEventListener('mousemove', onMove);
            bar.removeEventListener('mouseleave', onLeave);
            bar.removeEventListener('click', onClick);
        }
    };
}
