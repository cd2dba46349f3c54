using Microsoft.JSInterop;

namespace ReviewRoom.Web.Components;

/// <summary>
/// A page script imported as a module and attached to a component's element: its module's
/// <c>attach(...)</c> returns a handle with <c>dispose()</c>. One place for the lifecycle every such
/// component needs: a component left before its script arrived (a quick click away) attaches nothing and
/// does not end the circuit, and a tab that has gone needs no detaching.
/// </summary>
public sealed class ScriptAttachment : IAsyncDisposable
{
    private IJSObjectReference? _module;
    private IJSObjectReference? _handle;
    private bool _disposed;

    /// <summary>The imported module, for calls to its other exports; null until attached.</summary>
    public IJSObjectReference? Module => _handle is null ? null : _module;

    /// <summary>The handle <c>attach</c> returned, for calls on what was attached; null until attached.</summary>
    public IJSObjectReference? Handle => _handle;

    /// <param name="modulePath">The script's address under the web root; give the component's <c>Assets["js/x.js"]</c> so the build's fingerprinted copy is loaded.</param>
    public async Task AttachAsync(IJSRuntime js, string modulePath, params object?[] arguments)
    {
        try
        {
            // From the site root: a relative module address would resolve against Blazor's own script.
            _module = await js.InvokeAsync<IJSObjectReference>("import", "/" + modulePath.TrimStart('.', '/'));
            if (!_disposed)
                _handle = await _module.InvokeAsync<IJSObjectReference>("attach", arguments);
        }
        catch (Exception ex) when (ex is JSDisconnectedException or TaskCanceledException or ObjectDisposedException || _disposed)
        {
            // The component or the tab went away while the script was on its way.
        }
    }

    public async ValueTask DisposeAsync()
    {
        _disposed = true;
        try
        {
            if (_handle is not null)
            {
                await _handle.InvokeVoidAsync("dispose");
                await _handle.DisposeAsync();
            }
            if (_module is not null)
                await _module.DisposeAsync();
        }
        catch (JSDisconnectedException)
        {
            // The circuit is gone with the tab; there is nothing left to detach.
        }
    }
}
