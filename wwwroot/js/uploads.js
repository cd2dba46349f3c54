// Drag-and-drop and resumable uploads for the board. Files go to the server's tus endpoint over plain
// HTTP (never through the Blazor circuit); the page only hears about progress and outcomes.
const chosen = new Map();   // batch id -> File[] waiting for the person to confirm the upload
const running = new Map();  // upload key -> tus.Upload

export function attach(root, dotnet) {
    // The page may already have moved on (a quick click away from the board): nothing to attach to.
    if (!root) return { dispose() { } };
    let depth = 0;
    const zoneOf = target => target instanceof Element ? target.closest('[data-drop-shot], [data-drop-new-shot]') : null;
    const clearHighlights = () => root.querySelectorAll('.rr-drop-active').forEach(z => z.classList.remove('rr-drop-active'));
    const hasFiles = event => [...(event.dataTransfer?.types ?? [])].includes('Files');

    const onDragOver = event => {
        if (!hasFiles(event)) return;
        const zone = zoneOf(event.target);
        if (!zone) return;
        event.preventDefault();
        event.dataTransfer.dropEffect = 'copy';
        if (!zone.classList.contains('rr-drop-active')) {
            clearHighlights();
            zone.classList.add('rr-drop-active');
        }
    };
    const onDragEnter = event => { if (hasFiles(event)) depth++; };
    const onDragLeave = event => { if (hasFiles(event) && --depth <= 0) { depth = 0; clearHighlights(); } };
    const onDrop = event => {
        depth = 0;
        clearHighlights();
        const zone = zoneOf(event.target);
        if (!zone || !hasFiles(event)) return;
        event.preventDefault();
        offer(dotnet, zone.dataset.dropShot ?? null, [...event.dataTransfer.files]);
    };
    const onPicked = event => {
        const input = event.target;
        if (!(input instanceof HTMLInputElement) || input.type !== 'file' || !input.dataset.pickShot) return;
        offer(dotnet, input.dataset.pickShot === 'new' ? null : input.dataset.pickShot, [...input.files]);
        input.value = '';
    };
    root.addEventListener('dragenter', onDragEnter);
    root.addEventListener('dragover', onDragOver);
    root.addEventListener('dragleave', onDragLeave);
    root.addEventListener('drop', onDrop);
    root.addEventListener('change', onPicked);
    // The pickers are labels around hidden file inputs: Enter and Space open them, as they would a button.
    const onKey = event => {
        if (event.key !== 'Enter' && event.key !== ' ') return;
        const picker = event.target instanceof Element ? event.target.closest('[data-file-picker]') : null;
        if (!picker || event.target !== picker) return;
        event.preventDefault();
        picker.querySelector('input[type=file]')?.click();
    };
    root.addEventListener('keydown', onKey);
    // A shot dragged by its handle to a new place in the cut: the page moves it; some browsers start a
    // drag only when it carries data, and a shot is not a file, so the upload zones above ignore it.
    const onShotDragStart = event => {
        const handle = event.target instanceof Element ? event.target.closest('[data-shot-drag]') : null;
        if (!handle || !event.dataTransfer) return;
        event.dataTransfer.setData('application/x-reviewroom-shot', handle.dataset.shotDrag);
        event.dataTransfer.effectAllowed = 'move';
    };
    root.addEventListener('dragstart', onShotDragStart);
    // Dropping a file anywhere else must not make the browser navigate away to it.
    const guard = event => { if (hasFiles(event) && !zoneOf(event.target)) event.preventDefault(); };
    window.addEventListener('dragover', guard);
    window.addEventListener('drop', guard);
    // Until now, dropping a file or pressing Enter on a picker did nothing: say that it works from here on.
    root.dataset.ready = 'true';
    return {
        dispose() {
            root.removeEventListener('dragenter', onDragEnter);
            root.removeEventListener('dragover', onDragOver);
            root.removeEventListener('dragleave', onDragLeave);
            root.removeEventListener('drop', onDrop);
            root.removeEventListener('change', onPicked);
            root.removeEventListener('keydown', onKey);
            root.removeEventListener('dragstart', onShotDragStart);
            window.removeEventListener('dragover', guard);
            window.removeEventListener('drop', guard);
            delete root.dataset.ready;
        }
    };
}

function offer(dotnet, shotId, files) {
    if (files.length === 0) return;
    const batch = crypto.randomUUID();
    chosen.set(batch, files);
    dotnet.invokeMethodAsync('FilesChosen', shotId, batch, files.map(f => ({ name: f.name, size: f.size })));
}

export function discard(batch) {
    chosen.delete(batch);
}

export function start(batch, projectId, shotId, generationJson, dotnet) {
    const files = chosen.get(batch) ?? [];
    chosen.delete(batch);
    files.forEach((file, index) => {
        const key = `${batch}:${index}`;
        let lastReport = 0;
        const upload = new tus.Upload(file, {
            endpoint: '/api/v1/uploads',
            metadata: { filename: file.name, filetype: file.type, projectId, shotId, generation: generationJson ?? '' },
            retryDelays: [0, 1000, 3000, 5000, 10000, 20000],
            removeFingerprintOnSuccess: true,
            onProgress(sent, total) {
                const now = performance.now();
                if (now - lastReport < 150 && sent < total) return;
                lastReport = now;
                dotnet.invokeMethodAsync('UploadProgress', key, sent, total);
            },
            onError(error) {
                running.delete(key);
                dotnet.invokeMethodAsync('UploadFailed', key, describe(error));
            },
            onSuccess(payload) {
                running.delete(key);
                const job = payload?.lastResponse?.getHeader('ReviewRoom-Ingest-Job') ?? null;
                dotnet.invokeMethodAsync('UploadFinished', key, job);
            },
        });
        running.set(key, upload);
        dotnet.invokeMethodAsync('UploadStarted', key, file.name, file.size);
        // A file this browser already began sending goes on from where it stopped.
        upload.findPreviousUploads().then(previous => {
            if (previous.length > 0) upload.resumeFromPreviousUpload(previous[0]);
            upload.start();
        });
    });
}

export async function cancel(key) {
    const upload = running.get(key);
    running.delete(key);
    if (upload) await upload.abort(true).catch(() => { });
}

/// The server's problem details say what was wrong; show that rather than the client's generic text.
function describe(error) {
    const response = error?.originalResponse;
    const body = response?.getBody?.();
    if (body) {
        try {
            const problem = JSON.parse(body);
            const fields = problem.errors ? Object.values(problem.errors).flat().join(' ') : '';
            return [problem.detail, fields].filter(Boolean).join(' ') || problem.title || body;
        } catch { return body; }
    }
    if (response) return `The server answered ${response.getStatus()}.`;
    return 'The connection to the server was lost and retrying did not help. Check the network and try again.';
}
